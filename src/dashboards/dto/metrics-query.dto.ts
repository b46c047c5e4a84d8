import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { IsStorableDate } from '../../common/validation/postgres-ranges';
import { IsIntInRange } from '../../common/validation/validators';
import {
  METRIC_BUCKETS,
  QUERY_PERIODS,
  type MetricBucket,
  type QueryPeriod,
} from '../query/metrics-range';

/** Which points a metrics query reads and how it groups them. */
export class MetricsQueryDto {
  /** The last 24h, 7d, 30d, or all points (default 24h). Not together with from/to. */
  @IsIn(QUERY_PERIODS, { message: `period must be one of ${QUERY_PERIODS.join(', ')}` })
  @ApiProperty({ enum: QUERY_PERIODS, required: false })
  @IsOptional()
  period?: QueryPeriod;

  /** Start of an explicit range (ISO 8601, inclusive); with `to`. @example 2026-11-01T00:00:00Z */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  @IsOptional()
  from?: Date;

  /** End of an explicit range (ISO 8601, exclusive); with `from`. @example 2026-12-01T00:00:00Z */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  @IsOptional()
  to?: Date;

  /** `raw` (every point) or a bucket width; the default keeps the series at or under 1,000 entries. */
  @IsIn(METRIC_BUCKETS, { message: `bucket must be one of ${METRIC_BUCKETS.join(', ')}` })
  @ApiProperty({ enum: METRIC_BUCKETS, required: false })
  @IsOptional()
  bucket?: MetricBucket;
}

/** The metrics query plus the picture's size. */
export class MetricsChartQueryDto extends MetricsQueryDto {
  /** Width in pixels (320-2400). */
  @Type(() => Number)
  @IsIntInRange(320, 2400)
  @IsOptional()
  width: number = 1200;

  /** Height in pixels (240-1600). */
  @Type(() => Number)
  @IsIntInRange(240, 1600)
  @IsOptional()
  height: number = 600;
}
