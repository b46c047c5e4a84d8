import { describe, expect, it } from 'vitest';
import { fitStandardization, standardizeRows } from './standardization';

describe('fitStandardization', () => {
  it('computes per-feature means and population standard deviations', () => {
    const scaling = fitStandardization([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    expect(scaling.mean).toEqual([3, 10]);
    expect(scaling.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scaling.std[1]).toBe(1); // constant feature: centred, not divided by zero
  });

  it('standardises rows to zero mean and unit variance', () => {
    const rows = [
      [2, -4],
      [4, 0],
      [9, 4],
    ];
    const scaled = standardizeRows(rows, fitStandardization(rows));
    for (const column of [0, 1]) {
      const values = scaled.map((row) => row[column]);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
      expect(values.reduce((a, b) => a + b * b, 0) / values.length).toBeCloseTo(1, 12);
    }
  });

  it('rejects empty and ragged input', () => {
    expect(() => fitStandardization([])).toThrow(/zero rows/);
    expect(() => fitStandardization([[1, 2], [3]])).toThrow(/width/);
  });
});
