import { METRIC_FIELDS } from '../metric-fields';
import type { AggregateRow, RawRow } from './metric-series-reader';
import type { ResolvedRange } from './metrics-range';

// The response bodies of the metrics query (MetricSeriesDto), written as JSON text straight from the SQL rows:
// a 30-day hourly answer holds 720 buckets of 20 numbers, and building objects only to stringify them cost more than
// the text itself. Key order is the DTO's; numbers are PostgreSQL's float8 text, which JSON parses to the same values.

/**
 * A value as a JSON number: PostgreSQL's float8 text as it is (valid JSON for every finite value), a number as
 * JSON.stringify writes it; a non-finite value (`NaN`, `Infinity`: never a digit at the end) or a missing one as null.
 */
const num = (value: unknown): string => {
  if (typeof value === 'string') {
    const last = value.charCodeAt(value.length - 1);
    return last >= 48 && last <= 57 ? value : 'null';
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : 'null';
};

const STAT_COLUMNS = METRIC_FIELDS.map(
  (field) => [field, `${field}_avg`, `${field}_min`, `${field}_max`, `${field}_p95`] as const,
);

/** `"field":{avg,min,max,p95}` for each field, or `"field":null` when no point of the row has a value for it. */
const statsOf = (row: AggregateRow | undefined, known: boolean): string => {
  let text = '';
  for (const [field, avg, min, max, p95] of STAT_COLUMNS) {
    text +=
      known && row && row[avg] !== null
        ? `,"${field}":{"avg":${num(row[avg])},"min":${num(row[min])},"max":${num(row[max])},"p95":${num(row[p95])}}`
        : `,"${field}":null`;
  }
  return text;
};

const bucketOf = (row: AggregateRow): string =>
  `{"t":"${new Date(row.t as number).toISOString()}","count":${num(row.count)}${statsOf(row, true)}}`;

const pointOf = (row: RawRow): string => {
  let text = `{"t":"${new Date(row.t).toISOString()}"`;
  for (const field of METRIC_FIELDS) text += `,"${field}":${num(row[field])}`;
  return `${text}}`;
};

/** The response around its series; the summary is the whole-range row (with no points every field is null). */
const envelope = (
  dashboardId: string,
  range: ResolvedRange,
  series: string[],
  summary: AggregateRow | undefined,
  p95Estimated = false,
): string => {
  const count = summary?.count ?? 0;
  return (
    `{"dashboardId":${JSON.stringify(dashboardId)},"period":${JSON.stringify(range.period)},` +
    `"from":"${range.from.toISOString()}","to":"${range.to.toISOString()}","bucket":${JSON.stringify(range.bucket)},` +
    `"empty":${count === 0},"p95Estimated":${p95Estimated},"series":[${series.join(',')}],` +
    `"summary":{"count":${num(count)}${statsOf(summary, count > 0)}}}`
  );
};

/** The response of an aggregated query: bucket rows in time order plus the whole-range row (`t` null). */
export function aggregatedSeriesJson(
  dashboardId: string,
  range: ResolvedRange,
  rows: AggregateRow[],
): string {
  const buckets = rows.filter((row) => row.t !== null);
  const total = rows.find((row) => row.t === null);
  const estimated = rows.some((row) => row.estimated === true);
  return envelope(dashboardId, range, buckets.map(bucketOf), total, estimated);
}

/** The response of a raw query: every point as its own entry. */
export function rawSeriesJson(
  dashboardId: string,
  range: ResolvedRange,
  rows: RawRow[],
  total: AggregateRow,
): string {
  return envelope(dashboardId, range, rows.map(pointOf), total);
}
