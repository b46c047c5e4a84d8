import type {
  MetricBucketDto,
  MetricRawPointDto,
  MetricSeriesDto,
  MetricStatsDto,
  MetricSummaryDto,
} from '../dto/metric-series.dto';
import { METRIC_FIELDS, type MetricField } from '../metric-fields';
import type { AggregateRow, RawRow } from './metric-series-reader';
import type { ResolvedRange } from './metrics-range';

/** A field's aggregates, or null when no point of the bucket has a value for it (an unknown model accuracy). */
const statsOf = (row: AggregateRow, field: MetricField): MetricStatsDto | null =>
  row[`${field}_avg`] === null
    ? null
    : {
        avg: row[`${field}_avg`] as number,
        min: row[`${field}_min`] as number,
        max: row[`${field}_max`] as number,
        p95: row[`${field}_p95`] as number,
      };

const bucketOf = (row: AggregateRow): MetricBucketDto => {
  const bucket = {
    t: new Date(row.t as number).toISOString(),
    count: row.count,
  } as MetricBucketDto;
  for (const field of METRIC_FIELDS)
    (bucket as unknown as Record<MetricField, MetricStatsDto | null>)[field] = statsOf(row, field);
  return bucket;
};

const pointOf = (row: RawRow): MetricRawPointDto => {
  const point = { t: new Date(row.t).toISOString() } as MetricRawPointDto;
  for (const field of METRIC_FIELDS)
    (point as unknown as Record<MetricField, number | null>)[field] = row[field];
  return point;
};

/** The whole-range aggregates; with no points every field is null (nothing is made up). */
export const summaryOf = (row: AggregateRow | undefined): MetricSummaryDto => {
  const count = row?.count ?? 0;
  const summary = { count } as MetricSummaryDto;
  for (const field of METRIC_FIELDS) summary[field] = row && count > 0 ? statsOf(row, field) : null;
  return summary;
};

const envelope = (
  dashboardId: string,
  range: ResolvedRange,
  series: MetricSeriesDto['series'],
  summary: MetricSummaryDto,
  p95Estimated = false,
): MetricSeriesDto => ({
  dashboardId,
  period: range.period,
  from: range.from.toISOString(),
  to: range.to.toISOString(),
  bucket: range.bucket,
  empty: summary.count === 0,
  p95Estimated,
  series,
  summary,
});

/** The response of an aggregated query: bucket rows in time order plus the whole-range row (`t` null). */
export function aggregatedSeries(
  dashboardId: string,
  range: ResolvedRange,
  rows: AggregateRow[],
): MetricSeriesDto {
  const buckets = rows.filter((row) => row.t !== null);
  const total = rows.find((row) => row.t === null);
  const estimated = rows.some((row) => row.estimated === true);
  return envelope(dashboardId, range, buckets.map(bucketOf), summaryOf(total), estimated);
}

/** The response of a raw query: every point as its own entry. */
export function rawSeries(
  dashboardId: string,
  range: ResolvedRange,
  rows: RawRow[],
  total: AggregateRow,
): MetricSeriesDto {
  return envelope(dashboardId, range, rows.map(pointOf), summaryOf(total));
}
