import { Standardization } from '../models/mlp-model';

/**
 * Per-feature mean and population standard deviation of `rows` (a constant feature gets std 1, so it passes
 * through centred instead of dividing by zero).
 */
export function fitStandardization(rows: readonly (readonly number[])[]): Standardization {
  if (rows.length === 0) throw new RangeError('cannot fit a standardisation on zero rows');
  const width = rows[0].length;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (const row of rows) {
    if (row.length !== width) throw new RangeError(`rows of width ${row.length} and ${width}`);
    for (let i = 0; i < width; i++) mean[i] += row[i];
  }
  for (let i = 0; i < width; i++) mean[i] /= rows.length;
  for (const row of rows) for (let i = 0; i < width; i++) std[i] += (row[i] - mean[i]) ** 2;
  for (let i = 0; i < width; i++) {
    const value = Math.sqrt(std[i] / rows.length);
    std[i] = value > 0 ? value : 1;
  }
  return { mean, std };
}

/** (x - mean) / std for every row. */
export function standardizeRows(
  rows: readonly (readonly number[])[],
  scaling: Standardization,
): number[][] {
  return rows.map((row) => row.map((value, i) => (value - scaling.mean[i]) / scaling.std[i]));
}
