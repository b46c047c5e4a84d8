import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window';

describe('LatencyWindow', () => {
  it('reports nearest-rank percentiles and the mean of the recorded latencies', () => {
    const window = new LatencyWindow(1000);
    for (let ms = 100; ms >= 1; ms--) window.recordSuccess(ms);
    window.recordFailure();

    expect(window.summary()).toEqual({
      count: 100,
      errors: 1,
      samples: 100,
      meanMs: 50.5,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
    });
  });

  it('keeps only the most recent latencies once full, but counts every run', () => {
    const window = new LatencyWindow(4);
    [1000, 1000, 1, 2, 3, 4].forEach((ms) => window.recordSuccess(ms));

    const summary = window.summary();
    expect(summary.count).toBe(6);
    expect(summary.samples).toBe(4);
    expect(summary.meanMs).toBe(2.5);
    expect(summary.p99Ms).toBe(4);
  });

  it('has no percentiles before the first run', () => {
    expect(new LatencyWindow().summary()).toMatchObject({
      count: 0,
      samples: 0,
      meanMs: null,
      p50Ms: null,
    });
  });
});
