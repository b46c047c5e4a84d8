import { SeededRandom } from '@app/inference';
import type { MetricValues } from './metric-fields';

const HOUR_MS = 3_600_000;
const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

/**
 * Plausible values of an AI service for the hour starting at `hourStart`, the same whenever they are computed
 * (the generator is seeded with the hour's number since the epoch): a daily load cycle (busier in the UTC
 * afternoon: slower, more memory, a little less efficient), accuracy that drifts down between weekly retrainings,
 * memory that creeps up between daily restarts, and an occasional error spike.
 */
export function demoMetricValues(hourStart: Date): MetricValues {
  const hour = Math.floor(hourStart.getTime() / HOUR_MS);
  const random = new SeededRandom(hour * 2654435761 + 20261130);
  const noise = (): number => random.next() - 0.5;
  const load = (1 - Math.cos(((hour % 24) - 3) * (Math.PI / 12))) / 2; // 0 at 03:00 UTC, 1 at 15:00
  const sinceRetrain = (hour % 168) / 168; // weekly retraining
  const sinceRestart = (hour % 24) / 24;
  const spike = random.next() < 0.03 ? 0.04 + 0.06 * random.next() : 0;
  return {
    iaEfficiency: round(clamp(0.9 - 0.08 * load + 0.03 * noise() - spike, 0, 1), 4),
    modelAccuracy: round(clamp(0.95 - 0.04 * sinceRetrain + 0.01 * noise(), 0, 1), 4),
    processingTimeMs: round(85 + 70 * load + 20 * noise() + 400 * spike, 1),
    memoryUsageMb: round(1800 + 500 * sinceRestart + 300 * load + 40 * noise(), 1),
    errorRate: round(clamp(0.004 + 0.006 * load + 0.003 * noise() + spike, 0, 1), 4),
  };
}

/** The `count` hour starts ending with the hour that contains `now`, oldest first. */
export function lastHours(now: Date, count: number): Date[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * HOUR_MS));
}
