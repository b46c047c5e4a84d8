import { METRIC_COLUMNS, METRIC_FIELDS } from '../metric-fields';
import {
  EPOCH,
  ROLLUP_SETTLE,
  ROLLUP_SKETCH_QUANTILES,
  ROLLUP_STAT_COLUMNS,
  SPAN_STATS,
} from '../rollups/rollup-sql';
import { epochMs, INTERVALS } from './metric-sql';
import type { AggregateBucket } from './metrics-range';

/** Buckets served from rollups: one hour or more. */
export type RolledUpBucket = Extract<AggregateBucket, '1h' | '6h' | '1d'>;
export const ROLLED_UP_BUCKETS: readonly AggregateBucket[] = ['1h', '6h', '1d'];

const HOUR = `interval '1 hour'`;
const DAY = `interval '1 day'`;
/** What is read of a point: the covering index holds all of it. */
const RAW_COLUMNS = ['timestamp', ...METRIC_FIELDS.map((field) => METRIC_COLUMNS[field])]
  .map((column) => `"${column}"`)
  .join(', ');
const SUMMARY = `timestamptz 'infinity'`;
const STATS = ROLLUP_STAT_COLUMNS.join(', ');
const K = ROLLUP_SKETCH_QUANTILES.length;
/**
 * A span of n values read as percentile_cont reads them: half a value at its minimum, half at its maximum, and n - 1
 * spread over the segments between its sketch's values in proportion to the quantiles' steps (`WEIGHTS` per value
 * beyond the first, `ENDS` in values).
 */
const WEIGHTS = `'{0,${ROLLUP_SKETCH_QUANTILES.slice(1)
  .map((q, i) => +(q - ROLLUP_SKETCH_QUANTILES[i]).toFixed(9))
  .join(',')},0}'::float8[]`;
const ENDS = `'{0.5,${ROLLUP_SKETCH_QUANTILES.slice(1)
  .map(() => 0)
  .join(',')},0.5}'::float8[]`;
const bucketOfHour = (expression: string) => `date_bin(${HOUR}, ${expression}, ${EPOCH})`;
const dayOf = (expression: string) => `date_bin(${DAY}, ${expression}, ${EPOCH})`;
/** Not in a rolled-up day (`not in` over a CTE: a hashed lookup, whatever the row estimates). */
const notInDays = (expression: string) => `${dayOf(expression)} not in (select start from days)`;
/** The time after which spans may still change (a span ending after it is not rolled up yet). */
const SETTLED = `least(:t, now() - ${ROLLUP_SETTLE})`;

/** A field's four statistics, as text (see AggregateRow). */
const fieldColumns = (i: number, field: string) =>
  `k.avg${i}::text as "${field}_avg", k.min${i}::text as "${field}_min", k.max${i}::text as "${field}_max", ` +
  `(case when k.pieces = 1 then k.p95${i} else e.p95${i} end)::text as "${field}_p95"`;

/**
 * The metrics SQL for buckets of an hour or more, from rollups where they exist. The range is covered by pieces:
 * rolled-up days and hours fully inside it, and for the rest (hours not rolled up yet, the partial hours at its
 * edges) the points themselves, read hour by hour through the covering index and aggregated per bucket (and once
 * for the whole range). Each bucket, and the whole range (`t` null), adds up its pieces: count, avg (sum / count),
 * min and max are exact; p95 is exact when the bucket is one piece (an hour bucket; a day from its day rollup; the
 * points of a bucket with no rollup) and otherwise estimated from the pieces' sketches: each sketch is read as a
 * piecewise-linear distribution of its piece's values, the segments of all pieces are ordered by their midpoint and
 * the value where their cumulative weight reaches percentile_cont's position (0.95 (N - 1) of N values) is
 * interpolated. `estimated` says which. The whole range uses day rollups where it can, so its
 * estimate reads at most a few hundred sketches. `stale` says that rollups are missing for complete spans that
 * have points (MetricRollupWriter writes them).
 */
export function rolledUpAggregateSql(bucket: RolledUpBucket): string {
  const width = `interval '${INTERVALS[bucket]}'`;
  const bucketOf = (expression: string) => `date_bin(${width}, ${expression}, ${EPOCH})`;
  const daily = bucket === '1d';
  const fields = METRIC_FIELDS.map((_, n) => n + 1);
  return `
with days as (
  select start, ${STATS} from "metric_rollups"
  where "dashboard_id" = :d and "hours" = 24 and start >= :f and start + ${DAY} <= :t
), rolled_hours as (
  select start, ${STATS} from "metric_rollups" r
  where "dashboard_id" = :d and "hours" = 1 and start >= :f and start + ${HOUR} <= :t
    ${daily ? `and ${notInDays('r.start')}` : ''}
), gaps as (
  select greatest(h, :f) as lo, least(h + ${HOUR}, :t) as hi
  from generate_series(date_bin(${HOUR}, :f, ${EPOCH}), :t, ${HOUR}) h
  where h < :t and h not in (select start from rolled_hours)
    ${daily ? `and ${notInDays('h')}` : ''}
), raw as (
  select m.* from gaps g cross join lateral (
    select ${RAW_COLUMNS} from "metrics" where "dashboard_id" = :d and "timestamp" >= g.lo and "timestamp" < g.hi
  ) m
), pieces as (
  select coalesce(${bucketOf('"timestamp"')}, ${SUMMARY}) as b, ${SPAN_STATS}
  from raw group by grouping sets ((${bucketOf('"timestamp"')}), ())
  union all select ${bucketOf('start')}, ${STATS} from rolled_hours
  ${daily ? `union all select start, ${STATS} from days` : ''}
  union all select ${SUMMARY}, ${STATS} from days
  union all select ${SUMMARY}, ${STATS} from rolled_hours r where ${notInDays('r.start')}
), buckets as (
  select b, count(*) as pieces, sum(count)::int as count, ${fields
    .map(
      (i) =>
        `sum(sums[${i}]) / nullif(sum(value_counts[${i}]), 0) as avg${i}, min(mins[${i}]) as min${i}, ` +
        `max(maxes[${i}]) as max${i}, max(p95s[${i}]) as p95${i}`,
    )
    .join(', ')}
  from pieces where count > 0 group by b
), segments as (
  select p.b, f.i, s.lo, s.hi, (p.value_counts[f.i] - 1) * s.w + s.e as m
  from pieces p join buckets k on k.b = p.b and k.pieces > 1
  cross join generate_series(1, ${fields.length}) f(i)
  cross join lateral (select (f.i - 1) * ${K} as o) o
  cross join lateral unnest(
    p.sketches[o.o + 1 : o.o + 1] || p.sketches[o.o + 1 : o.o + ${K - 1}] || p.sketches[o.o + ${K} : o.o + ${K}],
    p.sketches[o.o + 1 : o.o + 1] || p.sketches[o.o + 2 : o.o + ${K}] || p.sketches[o.o + ${K} : o.o + ${K}],
    ${WEIGHTS}, ${ENDS}
  ) s(lo, hi, w, e)
  where p.count > 0 and p.value_counts[f.i] > 0
), estimates as (
  select distinct on (b, i) b, i, lo + least(greatest((target - before) / m, 0), 1) * (hi - lo) as p95
  from (
    select b, i, lo, hi, m, sum(m) over w - m as before, sum(m) over w as upto,
      0.95 * (sum(m) over (partition by b, i) - 1) + 0.5 as target
    from segments where m > 0
    window w as (partition by b, i order by lo + hi, lo rows unbounded preceding)
  ) x
  where upto >= target order by b, i, upto
), stale as (
  select exists (
    select 1 from raw where ${bucketOfHour('"timestamp"')} >= :f and ${bucketOfHour('"timestamp"')} + ${HOUR} <= ${SETTLED}
  ) or exists (
    select 1 from rolled_hours r
    where ${dayOf('r.start')} >= :f and ${dayOf('r.start')} + ${DAY} <= ${SETTLED} and ${notInDays('r.start')}
  ) as stale
)
select case when k.b = ${SUMMARY} then null else ${epochMs('k.b')} end as t, k.count,
  k.pieces > 1 as estimated, (select stale from stale) as stale,
  ${METRIC_FIELDS.map((field, n) => fieldColumns(n + 1, field)).join(',\n  ')}
from buckets k left join (
  select b, ${fields.map((i) => `max(p95) filter (where i = ${i}) as p95${i}`).join(', ')}
  from estimates group by b
) e using (b)
order by k.b`;
}

/** `:d`, `:f`, `:t` (dashboard id, range start and end) as positional parameters. */
export function bindRange(
  sql: string,
  dashboardId: string,
  from: Date,
  to: Date,
): { sql: string; params: unknown[] } {
  const values: Record<string, unknown> = { d: dashboardId, f: from, t: to };
  const casts: Record<string, string> = { d: 'uuid', f: 'timestamptz', t: 'timestamptz' };
  const params: unknown[] = [];
  const bound = sql.replace(/:([dft])\b/g, (_, name: string) => {
    params.push(values[name]);
    return `?::${casts[name]}`;
  });
  return { sql: bound, params };
}
