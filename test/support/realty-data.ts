import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO_CSV = join(__dirname, '..', '..', 'seeds', 'realty', 'lucas_county_house.csv');

/** The first `rows` sales of the demo data set (header included), as CSV text. */
export function demoSlice(rows: number, offset = 0): string {
  const lines = readFileSync(DEMO_CSV, 'utf8').split('\n');
  return [lines[0], ...lines.slice(1 + offset, 1 + offset + rows)].join('\n');
}

/** Rows of a schema no code knows: area, neighbourhood (categorical), bedrooms, price — deterministic. */
export function unseenSchemaRows(count: number): Record<string, number | string>[] {
  const bairros = ['Centro', 'Norte', 'Sul', 'Leste'];
  return Array.from({ length: count }, (_, i) => {
    const m2 = 40 + ((i * 37) % 160);
    const bairro = bairros[i % 4];
    const quartos = 1 + (i % 4);
    const preco =
      2500 * m2 + 15000 * quartos + [90000, 20000, 0, 40000][i % 4] + ((i * 7919) % 5000);
    return { m2, bairro, quartos, preco };
  });
}
