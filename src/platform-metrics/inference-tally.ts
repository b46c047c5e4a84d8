import { bucketOf } from './latency-histogram';

export const MINUTE_MS = 60_000;

/** One model version's runs in one minute, as counted by one process since its last flush. */
export interface MinuteTally {
  model: string;
  version: string;
  /** Start of the minute (epoch ms, UTC). */
  minute: number;
  calls: number;
  errors: number;
  /** Sum of the run durations in whole microseconds (each rounded), for the mean. */
  sumMicros: number;
  /** Latency histogram: bucket (see latency-histogram) → runs. */
  buckets: Map<number, number>;
}

export interface InferenceRun {
  model: string;
  version: string;
  durationMs: number;
  ok: boolean;
}

/**
 * In-memory counters of one process, per model, version and minute: recording a run is a few map updates (hot
 * routes run thousands a second); `drain()` hands the counts over for one Redis write and starts again.
 */
export class InferenceTally {
  private tallies = new Map<string, MinuteTally>();

  record(run: InferenceRun, atMs: number): void {
    const minute = atMs - (atMs % MINUTE_MS);
    const key = `${minute}\u0000${run.model}\u0000${run.version}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = {
        model: run.model,
        version: run.version,
        minute,
        calls: 0,
        errors: 0,
        sumMicros: 0,
        buckets: new Map(),
      };
      this.tallies.set(key, tally);
    }
    tally.calls += 1;
    if (!run.ok) tally.errors += 1;
    tally.sumMicros += Math.round(run.durationMs * 1000);
    const bucket = bucketOf(run.durationMs);
    tally.buckets.set(bucket, (tally.buckets.get(bucket) ?? 0) + 1);
  }

  /** The counts since the last drain (empty when nothing ran). */
  drain(): MinuteTally[] {
    const drained = [...this.tallies.values()];
    this.tallies = new Map();
    return drained;
  }

  /** Puts counts back (their write failed) so that the next drain sends them with the new ones. */
  restore(tallies: readonly MinuteTally[]): void {
    for (const tally of tallies) {
      const key = `${tally.minute}\u0000${tally.model}\u0000${tally.version}`;
      const current = this.tallies.get(key);
      if (!current) {
        this.tallies.set(key, tally);
        continue;
      }
      current.calls += tally.calls;
      current.errors += tally.errors;
      current.sumMicros += tally.sumMicros;
      for (const [bucket, count] of tally.buckets)
        current.buckets.set(bucket, (current.buckets.get(bucket) ?? 0) + count);
    }
  }
}
