import { percentileOf } from './latency-histogram';
import type { StoredMinute } from './minute-stats-store';

/** What one model version did in one minute, over every process that ran it. */
export interface ModelMinuteFigures {
  calls: number;
  errors: number;
  /** errors / calls. */
  errorRate: number;
  /** Mean run time (ms), failed runs included. */
  latencyAvgMs: number;
  /** 95th percentile run time (ms, nearest rank), read from the shared histogram: within ±1 %. */
  latencyP95Ms: number;
  /** Resident memory (MB) of the processes that ran the model that minute, summed (each at its last flush). */
  memoryMb: number;
}

export function figuresOf(stored: StoredMinute): ModelMinuteFigures {
  const { calls, errors } = stored;
  return {
    calls,
    errors,
    errorRate: errors / calls,
    latencyAvgMs: stored.sumMicros / 1000 / calls,
    latencyP95Ms: percentileOf(stored.buckets, 0.95) ?? 0,
    memoryMb: [...stored.memoryByProcess.values()].reduce((sum, mb) => sum + mb, 0),
  };
}
