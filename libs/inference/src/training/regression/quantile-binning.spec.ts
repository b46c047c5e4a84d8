import { describe, expect, it } from 'vitest';
import { MISSING_BIN, binColumn, binMatrix, binOf, fitFeatureBins } from './quantile-binning';

describe('fitFeatureBins', () => {
  it('gives every distinct value its own bin when there are few, thresholds in between', () => {
    const bins = fitFeatureBins([3, 1, 2, 2, NaN, 1], 255);
    expect(bins.nBins).toBe(3);
    expect([...bins.thresholds]).toEqual([1.5, 2.5]);
    expect([1, 2, 3, NaN].map((v) => binOf(bins, v))).toEqual([0, 1, 2, MISSING_BIN]);
  });

  it('puts about the same number of values in each quantile bin', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const bins = fitFeatureBins(values, 10);
    expect(bins.nBins).toBe(10);
    const counts = new Array<number>(10).fill(0);
    for (const bin of binColumn(bins, values)) counts[bin]++;
    for (const count of counts) expect(count).toBe(1000);
  });

  it('uses float32 thresholds that separate neighbours exactly as ONNX Runtime compares them', () => {
    // Adjacent float32 values: the midpoint would round onto the upper one.
    const a = Math.fround(1.1);
    const b = new Float32Array(
      new Uint32Array([new Uint32Array(new Float32Array([a]).buffer)[0] + 1]).buffer,
    )[0];
    const bins = fitFeatureBins([a, b], 255);
    const t = bins.thresholds[0];
    expect(Math.fround(t)).toBe(t);
    expect(a <= t && !(b <= t)).toBe(true);
  });

  it('compares float64 inputs after rounding them to float32', () => {
    const bins = fitFeatureBins([0.1, 0.2], 255);
    expect(binOf(bins, 0.1)).toBe(0);
    expect(binOf(bins, Math.fround(0.1))).toBe(0);
    expect(binOf(bins, 0.2)).toBe(1);
  });

  it('handles a constant and an all-missing column', () => {
    expect(fitFeatureBins([4, 4, 4], 255).nBins).toBe(1);
    const empty = fitFeatureBins([NaN, NaN], 255);
    expect(empty.nBins).toBe(1);
    expect(binOf(empty, NaN)).toBe(MISSING_BIN);
  });

  it('rejects more than 255 value bins', () => {
    expect(() => fitFeatureBins([1], 256)).toThrow(RangeError);
  });
});

describe('binMatrix', () => {
  it('keeps column-major and row-major copies of the same bins', () => {
    const matrix = binMatrix([Float64Array.from([1, 2, 3]), Float64Array.from([9, NaN, 8])], 255);
    expect([...matrix.columns[0]]).toEqual([0, 1, 2]);
    expect([...matrix.columns[1]]).toEqual([1, MISSING_BIN, 0]);
    expect([...matrix.rowMajor]).toEqual([0, 1, 1, MISSING_BIN, 2, 0]);
  });
});
