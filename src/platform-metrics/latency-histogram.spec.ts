import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  MIN_MS,
  percentileOf,
  RELATIVE_PRECISION,
  valueOfBucket,
} from './latency-histogram';

const histogramOf = (durations: number[]): Map<number, number> => {
  const buckets = new Map<number, number>();
  for (const d of durations) buckets.set(bucketOf(d), (buckets.get(bucketOf(d)) ?? 0) + 1);
  return buckets;
};

const exactPercentile = (durations: number[], q: number): number => {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
};

describe('latency histogram', () => {
  it('reads every duration back within its precision (±1 %)', () => {
    for (const ms of [0.0123, 0.2, 0.47, 1, 3.3, 17, 250, 9_999, 86_400_000]) {
      const back = valueOfBucket(bucketOf(ms));
      expect(Math.abs(back - ms) / ms).toBeLessThanOrEqual(RELATIVE_PRECISION + 1e-12);
    }
    expect(RELATIVE_PRECISION).toBeLessThan(0.01);
  });

  it('puts zero, tiny and non-finite durations in the lowest bucket', () => {
    expect(bucketOf(0)).toBe(bucketOf(MIN_MS));
    expect(bucketOf(1e-9)).toBe(bucketOf(MIN_MS));
    expect(bucketOf(Number.NaN)).toBe(bucketOf(MIN_MS));
    expect(valueOfBucket(bucketOf(0))).toBe(MIN_MS);
  });

  it('gives the nearest-rank p95 of a skewed sample within the precision', () => {
    const durations = Array.from(
      { length: 1000 },
      (_, i) => 0.1 + (i % 97) * 0.05 + (i % 50 === 0 ? 40 : 0),
    );
    const exact = exactPercentile(durations, 0.95);
    const read = percentileOf(histogramOf(durations), 0.95) ?? 0;
    expect(Math.abs(read - exact) / exact).toBeLessThanOrEqual(RELATIVE_PRECISION + 1e-12);
  });

  it('adds up across processes: the sum of two histograms gives the percentile of all durations', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const b = [0.5, 0.6, 0.7, 50, 60];
    const summed = histogramOf(a);
    for (const [bucket, count] of histogramOf(b))
      summed.set(bucket, (summed.get(bucket) ?? 0) + count);
    const exact = exactPercentile([...a, ...b], 0.95);
    expect(Math.abs((percentileOf(summed, 0.95) ?? 0) - exact) / exact).toBeLessThanOrEqual(
      RELATIVE_PRECISION + 1e-12,
    );
  });

  it('has no percentile without durations', () => {
    expect(percentileOf(new Map(), 0.95)).toBeNull();
  });
});
