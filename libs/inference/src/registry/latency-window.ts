/** Counters and latency percentiles of one model version, as listed by ModelRegistry. */
export interface LatencySummary {
  /** Successful runs since load. */
  count: number;
  /** Failed runs since load. */
  errors: number;
  /** Latencies the percentiles below are computed from (the most recent successful runs). */
  samples: number;
  meanMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/**
 * Fixed-size ring buffer of recent latencies plus lifetime counters. Recording is O(1) with no
 * allocation; percentiles are computed only when a summary is asked for.
 */
export class LatencyWindow {
  private readonly buffer: Float64Array;
  private next = 0;
  private filled = 0;
  private successes = 0;
  private failures = 0;

  constructor(capacity = 1024) {
    if (!(capacity >= 1)) throw new Error('Latency window capacity must be >= 1');
    this.buffer = new Float64Array(capacity);
  }

  recordSuccess(durationMs: number): void {
    this.successes++;
    this.buffer[this.next] = durationMs;
    this.next = this.next + 1 === this.buffer.length ? 0 : this.next + 1;
    if (this.filled < this.buffer.length) this.filled++;
  }

  recordFailure(): void {
    this.failures++;
  }

  summary(): LatencySummary {
    const samples = this.buffer.slice(0, this.filled).sort();
    const percentile = (p: number): number | null =>
      samples.length === 0
        ? null
        : samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
    let total = 0;
    for (const value of samples) total += value;
    return {
      count: this.successes,
      errors: this.failures,
      samples: samples.length,
      meanMs: samples.length === 0 ? null : total / samples.length,
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
      p99Ms: percentile(0.99),
    };
  }
}
