import { stringify } from 'csv-stringify/sync';
import type { MetricBucketDto, MetricRawPointDto, MetricSeriesDto } from '../dto/metric-series.dto';
import { METRIC_FIELDS } from '../metric-fields';

const STATS = ['avg', 'min', 'max', 'p95'] as const;

/**
 * A metrics query as CSV: a header, then one row per bucket (`t, count, <field>_avg, _min, _max, _p95` …) or, for
 * `bucket=raw`, per point (`t, <field>` …). An empty range is the header alone.
 */
export function metricsCsv(result: MetricSeriesDto): string {
  if (result.bucket === 'raw') {
    const points = result.series as MetricRawPointDto[];
    return stringify([
      ['t', ...METRIC_FIELDS],
      ...points.map((p) => [p.t, ...METRIC_FIELDS.map((f) => p[f] ?? '')]),
    ]);
  }
  const buckets = result.series as MetricBucketDto[];
  const header = ['t', 'count', ...METRIC_FIELDS.flatMap((f) => STATS.map((s) => `${f}_${s}`))];
  const rows = buckets.map((b) => [
    b.t,
    b.count,
    ...METRIC_FIELDS.flatMap((f) => STATS.map((s) => b[f]?.[s] ?? '')),
  ]);
  return stringify([header, ...rows]);
}
