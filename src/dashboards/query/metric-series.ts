import { METRIC_FIELDS } from '../metric-fields';
import type { AggregateRow, RawRow } from './metric-series-reader';
import type { ResolvedRange } from './metrics-range';

// The response bodies of the metrics query (MetricSeriesDto), written as JSON text around the statistics the SQL
// already wrote as JSON (see withStatsJson): a 30-day hourly answer holds 720 buckets of 20 numbers, and parsing them
// only to format them again cost more than the query's own aggregation. Key order is the DTO's; numbers are
// PostgreSQL's float8 text, which JSON parses to the same values.

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

const NO_STATS = METRIC_FIELDS.map((field) => `"${field}":null`).join(',');

/**
 * The body's pieces, written once into one Buffer of the exact size: no 445 KiB string is built (a string that big
 * goes to V8's old generation, and one per uncached answer made the old generation collect every few dozen queries).
 */
const bodyOf = (pieces: readonly string[]): Buffer => {
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += body.write(piece, at);
  return body;
};

const pointOf = (row: RawRow): string => {
  let text = `{"t":"${new Date(row.t).toISOString()}"`;
  for (const field of METRIC_FIELDS) text += `,"${field}":${num(row[field])}`;
  return `${text}}`;
};

/** The response around its series; the summary is the whole-range row (with no points every field is null). */
const envelope = (
  dashboardId: string,
  range: ResolvedRange,
  series: readonly string[],
  summary: AggregateRow | undefined,
  p95Estimated = false,
): Buffer => {
  const count = summary?.count ?? 0;
  return bodyOf([
    `{"dashboardId":${JSON.stringify(dashboardId)},"period":${JSON.stringify(range.period)},` +
      `"from":"${range.from.toISOString()}","to":"${range.to.toISOString()}","bucket":${JSON.stringify(range.bucket)},` +
      `"empty":${count === 0},"p95Estimated":${p95Estimated},"series":[`,
    ...series,
    `],"summary":{"count":${count},${summary && count > 0 ? summary.stats : NO_STATS}}}`,
  ]);
};

/** The response of an aggregated query: bucket rows in time order plus the whole-range row (`t` null). */
export function aggregatedSeriesBody(
  dashboardId: string,
  range: ResolvedRange,
  rows: AggregateRow[],
): Buffer {
  const series: string[] = [];
  let total: AggregateRow | undefined;
  let estimated = false;
  for (const row of rows) {
    if (row.estimated === true) estimated = true;
    if (row.t === null) total = row;
    else
      series.push(
        `${series.length > 0 ? ',' : ''}{"t":"${new Date(row.t).toISOString()}","count":${row.count},`,
        row.stats,
        '}',
      );
  }
  return envelope(dashboardId, range, series, total, estimated);
}

/** The response of a raw query: every point as its own entry. */
export function rawSeriesBody(
  dashboardId: string,
  range: ResolvedRange,
  rows: RawRow[],
  total: AggregateRow,
): Buffer {
  return envelope(
    dashboardId,
    range,
    rows.map((row, i) => (i > 0 ? `,${pointOf(row)}` : pointOf(row))),
    total,
  );
}
