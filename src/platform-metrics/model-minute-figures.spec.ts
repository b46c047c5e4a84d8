import { describe, expect, it } from 'vitest';
import { bucketOf, valueOfBucket } from './latency-histogram';
import { figuresOf } from './model-minute-figures';

describe('figuresOf', () => {
  it('derives the error rate, mean, p95 and the serving processes’ memory from a stored minute', () => {
    const buckets = new Map<number, number>([
      [bucketOf(1), 19],
      [bucketOf(10), 1],
    ]);
    const figures = figuresOf({
      model: 'vehicle-quality',
      version: '1.0.0',
      minute: 0,
      calls: 20,
      errors: 2,
      sumMicros: 29_000,
      buckets,
      memoryByProcess: new Map([
        ['a:1', 120.5],
        ['b:2', 80],
      ]),
    });
    expect(figures).toEqual({
      calls: 20,
      errors: 2,
      errorRate: 0.1,
      latencyAvgMs: 1.45,
      latencyP95Ms: valueOfBucket(bucketOf(1)),
      memoryMb: 200.5,
    });
  });
});
