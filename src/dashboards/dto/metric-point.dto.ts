import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { IsStorableDate } from '../../common/validation/postgres-ranges';
import { IsNumberInRange, IsRecordId } from '../../common/validation/validators';
import { METRIC_LIMITS, METRIC_PERIODS, type MetricPeriod } from '../metric-fields';

/** One measurement. Ratios are 0..1, times and sizes non-negative. */
export class MetricPointDto {
  /** The dashboard the point belongs to (one of the caller's; admins: any). Without it the point is the caller's alone. */
  @IsRecordId()
  @IsOptional()
  dashboardId?: string;

  /** When it was measured (ISO 8601); defaults to the time of the request. @example 2026-11-30T06:00:00Z */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'timestamp must be an ISO 8601 date-time' })
  @IsOptional()
  timestamp?: Date;

  /** The period the point summarises, if any. */
  @IsIn(METRIC_PERIODS, { message: `period must be one of ${METRIC_PERIODS.join(', ')}` })
  @ApiProperty({ enum: METRIC_PERIODS })
  @IsOptional()
  period?: MetricPeriod;

  /** Share of the work the AI completed usefully (0..1). @example 0.87 */
  @IsNumberInRange(...METRIC_LIMITS.iaEfficiency)
  iaEfficiency: number;

  /** Model accuracy (0..1). @example 0.93 */
  @IsNumberInRange(...METRIC_LIMITS.modelAccuracy)
  modelAccuracy: number;

  /** Processing time in milliseconds. @example 120.5 */
  @IsNumberInRange(...METRIC_LIMITS.processingTimeMs)
  processingTimeMs: number;

  /** Memory use in MB. @example 512 */
  @IsNumberInRange(...METRIC_LIMITS.memoryUsageMb)
  memoryUsageMb: number;

  /** Share of requests that failed (0..1). @example 0.012 */
  @IsNumberInRange(...METRIC_LIMITS.errorRate)
  errorRate: number;
}

/** Many points in one request: validated as a whole, written in one transaction. */
export class MetricBatchDto {
  /** 1 to METRICS_MAX_BATCH (default 5000) points. */
  @ApiProperty({ type: [MetricPointDto], minItems: 1 })
  points: MetricPointDto[];
}

export class IngestResultDto {
  /** Points written. @example 720 */
  @ApiProperty({ type: 'integer' })
  ingested: number;
}
