import { ApiProperty } from '@nestjs/swagger';
import type { PlatformModelMinute } from '../platform-model-minute.entity';

/** What one served model version did in one minute, over every process that ran it. */
export class ModelMinuteDto {
  /** @example vehicle-quality */
  model: string;
  /** @example 1.0.0 */
  version: string;
  /** Start of the minute (UTC). */
  minute: Date;
  /** Runs in that minute. @example 1250 */
  @ApiProperty({ type: 'integer' })
  calls: number;
  /** Runs that failed. @example 0 */
  @ApiProperty({ type: 'integer' })
  errors: number;
  /** Mean run time, ms (failed runs included). @example 0.42 */
  latencyAvgMs: number;
  /** 95th percentile run time, ms (within ±1 %). @example 0.71 */
  latencyP95Ms: number;
  /** Resident memory of the processes that ran the model, MB. @example 235.4 */
  memoryMb: number;
  /** Accuracy against the real results known when the minute was written; null when none is known. @example 0.87 */
  accuracy: number | null;

  static from(m: PlatformModelMinute): ModelMinuteDto {
    return Object.assign(new ModelMinuteDto(), {
      model: m.model,
      version: m.version,
      minute: m.minute,
      calls: m.calls,
      errors: m.errors,
      latencyAvgMs: m.latencyAvgMs,
      latencyP95Ms: m.latencyP95Ms,
      memoryMb: m.memoryMb,
      accuracy: m.accuracy,
    });
  }
}
