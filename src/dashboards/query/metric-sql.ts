import { METRIC_FIELDS } from '../metric-fields';
import type { AggregateBucket } from './metrics-range';

/** Times leave SQL as epoch milliseconds (float8: exact), not as the driver's timestamp text. */
export const epochMs = (expression: string): string =>
  `(extract(epoch from ${expression}) * 1000)::float8`;

export const INTERVALS: Record<AggregateBucket, string> = {
  '1m': '1 minute',
  '5m': '5 minutes',
  '15m': '15 minutes',
  '1h': '1 hour',
  '6h': '6 hours',
  '1d': '1 day',
};

/**
 * The statistics of a row as JSON text, MetricBucketDto's fields in order: `"field":{"avg":…,"min":…,"max":…,"p95":…}`
 * or `"field":null` (no point of the row has a value for it), comma-separated. Reads `<field>_<stat>` columns that
 * hold PostgreSQL's float8 text (shortest exact form, valid JSON for every finite value; the table's CHECK
 * constraints admit no NaN or infinity).
 */
const STATS_JSON = METRIC_FIELDS.map((field) => {
  const value = (stat: string) => `coalesce(q."${field}_${stat}", 'null')`;
  return (
    `case when q."${field}_avg" is null then '"${field}":null' else ` +
    `'"${field}":{"avg":' || ${value('avg')} || ',"min":' || ${value('min')} || ',"max":' || ${value('max')} || ` +
    `',"p95":' || ${value('p95')} || '}' end`
  );
}).join(` || ',' || `);

/**
 * An aggregate statement (rows of `t`, `count`, `<field>_<stat>` as text, and `extra` columns) with each row's
 * statistics turned into one JSON text column, `stats`, in PostgreSQL: a 30-day hourly answer is 720 rows of 20
 * values, and writing them there costs less than parsing and writing them again in Node. Rows in time order, the
 * whole-range row (`t` null) last.
 */
export const withStatsJson = (sql: string, extra: readonly string[] = []): string =>
  `select q.t, q.count, ${extra.map((column) => `q.${column}, `).join('')}${STATS_JSON} as stats
   from (${sql}) q order by q.t nulls last`;
