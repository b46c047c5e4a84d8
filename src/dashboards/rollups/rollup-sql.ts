import { METRIC_COLUMNS, METRIC_FIELDS } from '../metric-fields';

/** Buckets and rollup spans are aligned to the UTC epoch. */
export const EPOCH = `timestamptz '1970-01-01 00:00:00+00'`;

/**
 * Quantiles at which a rollup keeps each field's values (its sketch): coarse in the body, dense around p95. The p95
 * of several spans together is estimated from their sketches (see `rolled-up-aggregate-sql.ts`).
 */
export const ROLLUP_SKETCH_QUANTILES = [0, 0.25, 0.5, 0.75, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1];

/** A span is rolled up once it ended this long ago, so that points arriving on time never invalidate it. */
export const ROLLUP_SETTLE = `interval '2 minutes'`;

/** The spans rolled up: `hours` as stored, and the SQL interval. */
export const ROLLUP_SPANS = [
  { hours: 1, interval: `interval '1 hour'` },
  { hours: 24, interval: `interval '1 day'` },
] as const;

/** The columns of `metric_rollups` after (dashboard_id, hours, start), in the order `SPAN_STATS` yields them. */
export const ROLLUP_STAT_COLUMNS = [
  'count',
  'value_counts',
  'sums',
  'mins',
  'maxes',
  'p95s',
  'sketches',
] as const;

const columns = METRIC_FIELDS.map((field) => `"${METRIC_COLUMNS[field]}"`);
const perField = (aggregate: (column: string) => string, type: string): string =>
  `array[${columns.map(aggregate).join(', ')}]::${type}[]`;
const quantiles = `'{${ROLLUP_SKETCH_QUANTILES.join(',')}}'::float8[]`;
const noSketch = `array_fill(null::float8, array[${ROLLUP_SKETCH_QUANTILES.length}])`;

/** The aggregates of a set of metric rows as a rollup stores them (`ROLLUP_STAT_COLUMNS`). */
export const SPAN_STATS = [
  `count(*)::int as count`,
  `${perField((c) => `count(${c})`, 'int')} as value_counts`,
  `${perField((c) => `sum(${c})`, 'float8')} as sums`,
  `${perField((c) => `min(${c})`, 'float8')} as mins`,
  `${perField((c) => `max(${c})`, 'float8')} as maxes`,
  `${perField((c) => `percentile_cont(0.95) within group (order by ${c})`, 'float8')} as p95s`,
  `(${columns.map((c) => `coalesce(percentile_cont(${quantiles}) within group (order by ${c}), ${noSketch})`).join(' || ')}) as sketches`,
].join(', ');

/** The key of a dashboard's rollup lock: ingest holds it shared, materializing exclusively (see MetricRollupWriter). */
export const ROLLUP_LOCK_KEY = (dashboardIdSql: string): string =>
  `hashtextextended('metric-rollups:' || lower(${dashboardIdSql}), 0)`;
