import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  METRIC_BUCKETS,
  QUERY_PERIODS,
  type MetricBucket,
  type QueryPeriod,
} from '../query/metrics-range';

/** Aggregates of one field over a bucket or the whole range; p95 is `percentile_cont(0.95)` (interpolated). */
export class MetricStatsDto {
  avg: number;
  min: number;
  max: number;
  p95: number;
}

/** One bucket: its start (UTC) and the aggregates of the points in it. Buckets without points are left out. */
export class MetricBucketDto {
  /** Bucket start, ISO 8601 UTC. @example 2026-11-30T05:00:00.000Z */
  t: string;
  /** Points in the bucket. */
  @ApiProperty({ type: 'integer', example: 12 })
  count: number;
  iaEfficiency: MetricStatsDto;
  /** Null when no point of the bucket has a known accuracy (a model without real results). */
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  modelAccuracy: MetricStatsDto | null;
  processingTimeMs: MetricStatsDto;
  memoryUsageMb: MetricStatsDto;
  errorRate: MetricStatsDto;
}

/** One stored point (`bucket=raw`). */
export class MetricRawPointDto {
  /** The point's timestamp, ISO 8601 UTC. */
  t: string;
  iaEfficiency: number;
  /** Null when the model's accuracy was not known. */
  @ApiProperty({ type: 'number', nullable: true })
  modelAccuracy: number | null;
  processingTimeMs: number;
  memoryUsageMb: number;
  errorRate: number;
}

/** Aggregates over the whole range; every field is null when the range holds no point. */
export class MetricSummaryDto {
  @ApiProperty({ type: 'integer', example: 720 })
  count: number;
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  iaEfficiency: MetricStatsDto | null;
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  modelAccuracy: MetricStatsDto | null;
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  processingTimeMs: MetricStatsDto | null;
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  memoryUsageMb: MetricStatsDto | null;
  @ApiProperty({ type: MetricStatsDto, nullable: true })
  errorRate: MetricStatsDto | null;
}

@ApiExtraModels(MetricBucketDto, MetricRawPointDto)
export class MetricSeriesDto {
  dashboardId: string;
  /** The requested period, or null for an explicit from/to. */
  @ApiProperty({ enum: QUERY_PERIODS, nullable: true })
  period: QueryPeriod | null;
  /** Start of the range read (inclusive). */
  from: string;
  /** End of the range read (exclusive). */
  to: string;
  @ApiProperty({ enum: METRIC_BUCKETS })
  bucket: MetricBucket;
  /** True when the range holds no point: the series is empty and the summary's fields are null. */
  empty: boolean;
  /**
   * True when some p95 in this answer is estimated: with a bucket of 1h or more, a bucket spanning several
   * rolled-up hours (6h; 1d whose day is not rolled up as a whole) and the summary over a range with rollups take
   * their p95 from per-hour and per-day quantile sketches (see README, "Dashboards"). Hour buckets, and every
   * count, avg, min and max, are always exact.
   */
  p95Estimated: boolean;
  /** In time order: buckets, or with `bucket=raw` the points themselves. */
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(MetricBucketDto) }, { $ref: getSchemaPath(MetricRawPointDto) }],
    },
  })
  series: MetricBucketDto[] | MetricRawPointDto[];
  summary: MetricSummaryDto;
}
