import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { METRIC_COLUMNS, METRIC_FIELDS, type MetricField } from '../metric-fields';
import { epochMs, INTERVALS, withStatsJson } from './metric-sql';
import type { AggregateBucket } from './metrics-range';
import { bindRange, rolledUpAggregateSql, type RolledUpBucket } from './rolled-up-aggregate-sql';

/**
 * A measured value as PostgreSQL writes a float8 (shortest exact form, e.g. `0.85`, `1e-07`): the response is JSON
 * text, so values are passed through instead of parsed and formatted again. A number is accepted too.
 */
export type SqlNumber = string | number;

/**
 * A row of the aggregate query: `t` (epoch ms) null for the whole-range row; `stats`, its statistics as JSON text
 * (see withStatsJson); from rollups also `estimated` (its p95 is an estimate) and `stale` (rollups are missing in the
 * range).
 */
export interface AggregateRow {
  t: number | null;
  count: number;
  stats: string;
  estimated?: boolean;
  stale?: boolean;
}
/** A stored point; `t` its timestamp in epoch ms. */
export type RawRow = { t: number } & Record<MetricField, SqlNumber | null>;

const ROLLED_UP: Record<RolledUpBucket, string> = {
  '1h': withStatsJson(rolledUpAggregateSql('1h'), ['estimated', 'stale']),
  '6h': withStatsJson(rolledUpAggregateSql('6h'), ['estimated', 'stale']),
  '1d': withStatsJson(rolledUpAggregateSql('1d'), ['estimated', 'stale']),
};

const RANGE = `"dashboard_id" = ? and "timestamp" >= ? and "timestamp" < ?`;

const STATS = METRIC_FIELDS.flatMap((field) => {
  const column = `"${METRIC_COLUMNS[field]}"`;
  return [
    `avg(${column})::text as "${field}_avg"`,
    `min(${column})::text as "${field}_min"`,
    `max(${column})::text as "${field}_max"`,
    `(percentile_cont(0.95) within group (order by ${column}))::text as "${field}_p95"`,
  ];
}).join(', ');

const bucketStart = (bucket: AggregateBucket): string =>
  `date_bin(interval '${INTERVALS[bucket]}', "timestamp", timestamptz '1970-01-01 00:00:00+00')`;

/**
 * The metrics SQL. Aggregates are computed by PostgreSQL in one statement: `group by grouping sets ((bucket), ())`
 * yields every bucket and the whole-range summary together; buckets are `date_bin` on the UTC epoch. Reads are
 * served by the covering index on (dashboard_id, timestamp).
 */
@Injectable()
export class MetricSeriesReader {
  constructor(private readonly em: EntityManager) {}

  /** Buckets in time order, then the whole-range row (`t` null; present even when no point matched). */
  aggregate(
    dashboardId: string,
    from: Date,
    to: Date,
    bucket: AggregateBucket,
  ): Promise<AggregateRow[]> {
    const t = bucketStart(bucket);
    return this.em.getConnection().execute<AggregateRow[]>(
      withStatsJson(
        `select ${epochMs(t)} as t, count(*)::int as count, ${STATS} from "metrics" where ${RANGE}
         group by grouping sets ((${t}), ())`,
      ),
      [dashboardId, from, to],
    );
  }

  /** The same rows from rollups where they exist (see rolled-up-aggregate-sql.ts). */
  aggregateRolledUp(
    dashboardId: string,
    from: Date,
    to: Date,
    bucket: RolledUpBucket,
  ): Promise<AggregateRow[]> {
    const { sql, params } = bindRange(ROLLED_UP[bucket], dashboardId, from, to);
    // One round trip: the pool's connections run without JIT (see buildMikroOrmOptions).
    return this.em.getConnection().execute<AggregateRow[]>(sql, params);
  }

  /** The whole-range row alone (for raw series). */
  async summary(dashboardId: string, from: Date, to: Date): Promise<AggregateRow> {
    const [row] = await this.em
      .getConnection()
      .execute<AggregateRow[]>(
        withStatsJson(
          `select null::float8 as t, count(*)::int as count, ${STATS} from "metrics" where ${RANGE}`,
        ),
        [dashboardId, from, to],
      );
    return row;
  }

  /** Up to `limit` points in time order. */
  raw(dashboardId: string, from: Date, to: Date, limit: number): Promise<RawRow[]> {
    const fields = METRIC_FIELDS.map((f) => `"${METRIC_COLUMNS[f]}"::text as "${f}"`).join(', ');
    return this.em
      .getConnection()
      .execute<RawRow[]>(
        `select ${epochMs('"timestamp"')} as t, ${fields} from "metrics" where ${RANGE} order by "timestamp", "id" limit ?`,
        [dashboardId, from, to, limit],
      );
  }

  /** The dashboard's first point, or null when it has none. */
  async earliest(dashboardId: string): Promise<Date | null> {
    const [row] = await this.em
      .getConnection()
      .execute<{ t: number | null }[]>(
        `select ${epochMs('min("timestamp")')} as t from "metrics" where "dashboard_id" = ?`,
        [dashboardId],
      );
    return row?.t == null ? null : new Date(row.t);
  }
}
