import { describe, expect, it } from 'vitest';
import { readDatasetCsv, TooManyRowsProblem } from './dataset-csv-reader';
import { buildTable, chooseTarget, columnStats, DatasetProblem } from './dataset-table';

const rows = [
  { m2: '50', bairro: 'Centro', quartos: 1, preco: 100 },
  { m2: '80', bairro: 'Norte', quartos: 2, preco: '160' },
  { m2: '', bairro: 'Centro', quartos: 3, preco: 210 },
  { m2: '120', bairro: 'NA', quartos: 3, preco: 250 },
  { m2: '65.5', bairro: 'Sul', quartos: 2, preco: 130 },
];

describe('dataset table', () => {
  it('types columns from the values and picks preco as the target', () => {
    const table = buildTable(rows);
    expect(table.target).toBe('preco');
    expect(table.columns).toEqual([
      { name: 'm2', kind: 'numeric' },
      { name: 'bairro', kind: 'categorical' },
      { name: 'quartos', kind: 'numeric' },
      { name: 'preco', kind: 'numeric' },
    ]);
    expect(table.values.m2).toEqual([50, 80, null, 120, 65.5]);
    expect(table.values.bairro[3]).toBeNull();
  });

  it('summarises numeric and categorical columns', () => {
    const stats = columnStats(buildTable(rows));
    expect(stats[0]).toMatchObject({ name: 'm2', count: 4, missing: 1, min: 50, max: 120 });
    expect(stats[0]).toHaveProperty('mean', (50 + 80 + 120 + 65.5) / 4);
    expect(stats[1]).toMatchObject({ count: 4, missing: 1, distinct: 3 });
    expect((stats[1] as { top: unknown[] }).top[0]).toEqual({ value: 'Centro', count: 2 });
  });

  it('names the row and column of a bad target', () => {
    const bad = rows.map((r, i) => (i === 2 ? { ...r, preco: 'caro' } : r));
    expect(() => buildTable(bad)).toThrow('row 2: target "preco" must be a number, got "caro"');
    const missing = rows.map((r, i) => (i === 4 ? { ...r, preco: '' } : r));
    expect(() => buildTable(missing)).toThrow('row 4: target "preco" is missing');
  });

  it('refuses data without a target column, empty data and too few rows', () => {
    expect(() => chooseTarget(['a', 'b'])).toThrow(/no target column/);
    expect(() => chooseTarget(['a'], 'value')).toThrow('target column "value" is not in the data');
    expect(() => buildTable([])).toThrow(DatasetProblem);
    expect(() => buildTable(rows.slice(0, 2))).toThrow(/at least 5 rows/);
  });

  it('streams a CSV and stops past the row limit', async () => {
    const csv = 'a,price\n1,2\n3,4\n';
    await expect(readDatasetCsv(Buffer.from(csv), 10)).resolves.toEqual([
      { a: '1', price: '2' },
      { a: '3', price: '4' },
    ]);
    await expect(readDatasetCsv(Buffer.from(csv), 1)).rejects.toBeInstanceOf(TooManyRowsProblem);
    await expect(readDatasetCsv(Buffer.from('a,price\n1,2,3\n'), 10)).rejects.toThrow(
      /not valid CSV/,
    );
  });
});
