import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import {
  EPOCH,
  ROLLUP_LOCK_KEY,
  ROLLUP_SETTLE,
  ROLLUP_SPANS,
  ROLLUP_STAT_COLUMNS,
  SPAN_STATS,
} from './rollup-sql';

const materialize = (hours: number, span: string): string => `
  insert into "metric_rollups" ("dashboard_id", "hours", "start", ${ROLLUP_STAT_COLUMNS.map((c) => `"${c}"`).join(', ')}, "computed_at")
  select r.d, ${hours}, s.start, a.*, now()
  from (select ?::uuid as d, ?::timestamptz as f, least(?::timestamptz, now() - ${ROLLUP_SETTLE}) as t) r
  cross join lateral generate_series(date_bin(${span}, r.f, ${EPOCH}), r.t, ${span}) s(start)
  cross join lateral (
    select ${SPAN_STATS} from "metrics" m
    where m."dashboard_id" = r.d and m."timestamp" >= s.start and m."timestamp" < s.start + ${span}
  ) a
  where s.start >= r.f and s.start + ${span} <= r.t and a.count > 0
    and not exists (select 1 from "metric_rollups" x where x."dashboard_id" = r.d and x."hours" = ${hours} and x."start" = s.start)
  on conflict do nothing`;

const DAY_MS = 86_400_000;

const MATERIALIZE_STATEMENTS = ROLLUP_SPANS.map(({ hours, interval }) =>
  materialize(hours, interval),
);

/**
 * Writes the rollups (`MetricRollup`) of a dashboard's complete hours and days within a range that have points and
 * none yet. Exact by construction: rows are computed under the dashboard's rollup lock taken exclusively, after every
 * ingest holding it (shared) has committed, and an ingest that comes later deletes the rows of the spans it writes
 * into. When an ingest holds the lock this gives up at once (the query that asked is answered from the points anyway,
 * and a later one, or the repeatable job, tries again).
 */
@Injectable()
export class MetricRollupWriter {
  private readonly logger = new Logger(MetricRollupWriter.name);

  constructor(private readonly em: EntityManager) {}

  /**
   * The repeatable job (`METRICS_ROLLUP_CRON`): every dashboard's complete hours and days since yesterday's start
   * (UTC), so that queries find them written; a query writes any others it reads from the points.
   */
  async rollUpRecent(now = new Date()): Promise<{ dashboards: number; rolledUp: number }> {
    const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - DAY_MS);
    const dashboards = await this.em
      .getConnection()
      .execute<{ id: string }[]>('select "id" from "dashboards" order by "id"');
    let rolledUp = 0;
    for (const { id } of dashboards) if (await this.materialize(id, from, now)) rolledUp++;
    return { dashboards: dashboards.length, rolledUp };
  }

  /** Returns false when the lock was busy. */
  async materialize(dashboardId: string, from: Date, to: Date): Promise<boolean> {
    try {
      const connection = this.em.getConnection();
      return await connection.transactional(async (trx) => {
        const [lock] = await connection.execute<{ locked: boolean }[]>(
          `select pg_try_advisory_xact_lock(${ROLLUP_LOCK_KEY('?')}) as locked`,
          [dashboardId],
          'all',
          trx,
        );
        if (!lock.locked) return false;
        // Hours first, each statement with a snapshot taken after the lock.
        for (const statement of MATERIALIZE_STATEMENTS)
          await connection.execute(statement, [dashboardId, from, to], 'run', trx);
        return true;
      });
    } catch (error) {
      this.logger.warn({ err: error, dashboardId }, 'metric rollups not written');
      return false;
    }
  }
}
