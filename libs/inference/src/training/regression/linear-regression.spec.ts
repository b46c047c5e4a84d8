import { describe, expect, it } from 'vitest';
import { featureTableFromRows } from './feature-table';
import { choleskySolve, fitLinearRegression, predictLinear } from './linear-regression';
import { featureLayout } from './model-features';

describe('choleskySolve', () => {
  it('solves a symmetric positive definite system', () => {
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([10, 8]), 2);
    expect(x[0]).toBeCloseTo(1.75, 12);
    expect(x[1]).toBeCloseTo(1.5, 12);
  });

  it('refuses a singular system', () => {
    expect(() =>
      choleskySolve(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 1]), 2),
    ).toThrow(/singular/);
  });
});

describe('fitLinearRegression', () => {
  const rows = Array.from({ length: 50 }, (_, i) => [
    i,
    (i * 7) % 11,
    i % 3 === 0 ? 'x' : i % 3 === 1 ? 'y' : 'z',
  ]);
  const effect: Record<string, number> = { x: 0, y: 4, z: -2 };
  const target = rows.map(([a, b, c]) => 2 + 3 * Number(a) - 5 * Number(b) + effect[String(c)]);
  const table = featureTableFromRows({
    columns: [
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'numeric' },
      { name: 'c', kind: 'categorical' },
    ],
    rows,
    target,
  });
  const layout = featureLayout(table);
  const all = rows.map((_, i) => i);

  it('recovers known coefficients (in raw units: standardised coefficient / std)', () => {
    const fit = fitLinearRegression(layout, table.target, all, { ridge: 0 + 1e-12 });
    expect(fit.numericCoefficients[0] / fit.numericStd[0]).toBeCloseTo(3, 6);
    expect(fit.numericCoefficients[1] / fit.numericStd[1]).toBeCloseTo(-5, 6);
    const [x, y, z] = fit.categoricalCoefficients[0];
    expect(y - x).toBeCloseTo(4, 6);
    expect(z - x).toBeCloseTo(-2, 6);
    all.forEach((r) => expect(predictLinear(fit, layout, r)).toBeCloseTo(target[r], 5));
  });

  it('imputes a missing numeric with the training mean and ignores an unseen category', () => {
    const withUnknown = featureTableFromRows({
      columns: [
        { name: 'a', kind: 'numeric' },
        { name: 'b', kind: 'numeric' },
        { name: 'c', kind: 'categorical' },
      ],
      rows: [...rows, [null, 0, 'never seen']],
      target: [...target, 0],
    });
    const unknownLayout = featureLayout(withUnknown);
    const fit = fitLinearRegression(unknownLayout, withUnknown.target, all, { ridge: 1e-9 });
    expect(fit.numericMean[0]).toBeCloseTo(24.5, 5);
    expect(fit.categories[0]).toEqual(['x', 'y', 'z']);
    const expected =
      fit.intercept + ((0 - fit.numericMean[1]) / fit.numericStd[1]) * fit.numericCoefficients[1];
    expect(predictLinear(fit, unknownLayout, rows.length)).toBeCloseTo(expected, 9);
  });

  it('scores importance as |coefficient| × std of the encoded column', () => {
    const fit = fitLinearRegression(layout, table.target, all, { ridge: 1e-9 });
    expect(fit.importance[0]).toBeCloseTo(Math.abs(fit.numericCoefficients[0]), 12);
    expect(fit.importance[1]).toBeGreaterThan(fit.importance[2]);
  });
});
