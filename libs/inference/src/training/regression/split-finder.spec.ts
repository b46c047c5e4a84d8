import { describe, expect, it } from 'vitest';
import { SLOTS } from './gradient-histograms';
import { MISSING_BIN } from './quantile-binning';
import { findBestSplit } from './split-finder';

/** One feature's histogram from [gradient, hessian] per value bin (+ optional missing bin). */
function histogram(
  bins: Array<[number, number]>,
  missing: [number, number] = [0, 0],
): Float64Array {
  const h = new Float64Array(SLOTS);
  bins.forEach(([g, hess], b) => {
    h[2 * b] = g;
    h[2 * b + 1] = hess;
  });
  h[2 * MISSING_BIN] = missing[0];
  h[2 * MISSING_BIN + 1] = missing[1];
  return h;
}

const totals = (
  bins: Array<[number, number]>,
  missing: [number, number] = [0, 0],
): [number, number] => [
  bins.reduce((s, [g]) => s + g, missing[0]),
  bins.reduce((s, [, h]) => s + h, missing[1]),
];

describe('findBestSplit', () => {
  const bins: Array<[number, number]> = [
    [-6, 2],
    [-4, 2],
    [0, 0],
    [5, 2],
    [7, 2],
  ];

  it('maximises G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) and skips empty bins', () => {
    const [g, h] = totals(bins);
    const split = findBestSplit(histogram(bins), g, h, [0], [5], {
      minSamplesLeaf: 1,
      l2Regularization: 1,
    });
    expect(split).toMatchObject({
      feature: 0,
      bin: 1,
      missingGoesLeft: false,
      gradientLeft: -10,
      hessianLeft: 4,
    });
    expect(split?.gain).toBeCloseTo(100 / 5 + 144 / 5 - 4 / 9, 12);
  });

  it('tries missing values on both sides', () => {
    const missing: [number, number] = [-9, 3];
    const [g, h] = totals(bins, missing);
    const split = findBestSplit(histogram(bins, missing), g, h, [0], [5], {
      minSamplesLeaf: 1,
      l2Regularization: 0,
    });
    expect(split).toMatchObject({
      bin: 1,
      missingGoesLeft: true,
      gradientLeft: -19,
      hessianLeft: 7,
    });
  });

  it('returns null when no split leaves minSamplesLeaf on both sides or nothing gains', () => {
    const [g, h] = totals(bins);
    expect(
      findBestSplit(histogram(bins), g, h, [0], [5], { minSamplesLeaf: 5, l2Regularization: 0 }),
    ).toBeNull();
    const flat: Array<[number, number]> = [
      [1, 1],
      [1, 1],
    ];
    expect(
      findBestSplit(histogram(flat), 2, 2, [0], [2], { minSamplesLeaf: 1, l2Regularization: 0 }),
    ).toBeNull();
  });
});
