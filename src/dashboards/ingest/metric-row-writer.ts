import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import {
  METRIC_COLUMNS,
  METRIC_FIELDS,
  type MetricPeriod,
  type StoredMetricValues,
} from '../metric-fields';
import { ROLLUP_LOCK_KEY, ROLLUP_SPANS } from '../rollups/rollup-sql';

/** A point ready to store: who reported it, for which dashboard (or none), when. */
export type MetricRow = StoredMetricValues & {
  userId: string;
  dashboardId: string | null;
  timestamp: Date;
  period: MetricPeriod | null;
};

/** A PostgreSQL array literal (`{a,b,NULL}`); every element is a uuid, number, ISO date or period label. */
const arrayLiteral = (values: (string | number | null)[]): string =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v}"`)).join(',')}}`;

const COLUMNS = [
  'id',
  'user_id',
  'dashboard_id',
  ...METRIC_FIELDS.map((field) => METRIC_COLUMNS[field]),
  'timestamp',
  'period',
];
const TYPES = ['uuid', 'uuid', 'uuid', ...METRIC_FIELDS.map(() => 'float8'), 'timestamptz', 'text'];

const INSERT = `insert into "metrics" (${COLUMNS.map((c) => `"${c}"`).join(', ')}, "created_at", "updated_at")
  select *, now(), now() from unnest(${TYPES.map((type) => `?::${type}[]`).join(', ')})`;

/**
 * The insert, first deleting the rollups of the hours and days it writes into (given as three arrays: dashboard,
 * span in hours, span start); they are computed again when a query needs them.
 */
const INSERT_AND_FORGET = `with forgotten as (
    delete from "metric_rollups" r using unnest(?::uuid[], ?::int2[], ?::timestamptz[]) x(d, h, s)
    where r."dashboard_id" = x.d and r."hours" = x.h and r."start" = x.s
  ) ${INSERT}`;

/** The (dashboard, span, start) of every rollup the rows fall into, as three array literals. */
function spansOf(rows: MetricRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    if (!row.dashboardId) continue;
    for (const { hours } of ROLLUP_SPANS) {
      const ms = hours * 3_600_000;
      keys.add(`${row.dashboardId} ${hours} ${Math.floor(row.timestamp.getTime() / ms) * ms}`);
    }
  }
  const spans = [...keys].map((key) => key.split(' '));
  return [
    arrayLiteral(spans.map(([id]) => id)),
    arrayLiteral(spans.map(([, hours]) => Number(hours))),
    arrayLiteral(spans.map(([, , start]) => new Date(Number(start)).toISOString())),
  ];
}

const LOCK_SHARED = `select pg_advisory_xact_lock_shared(${ROLLUP_LOCK_KEY('id')}) from unnest(?::text[]) id`;

/**
 * Writes points with one multi-row INSERT (`insert … select from unnest(<one array per column>)`), with a constant
 * number of parameters whatever the batch size. Points of dashboards are written in a transaction that first takes
 * each dashboard's rollup lock (shared: ingests do not wait for each other) and deletes the rollups of the hours and
 * days written into in the same statement as the insert, so a rollup never misses a committed point (see
 * MetricRollupWriter).
 */
@Injectable()
export class MetricRowWriter {
  constructor(private readonly em: EntityManager) {}

  async insert(rows: MetricRow[]): Promise<void> {
    if (rows.length === 0) return;
    const columns: (string | number | null)[][] = [
      rows.map(() => newId()),
      rows.map((r) => r.userId),
      rows.map((r) => r.dashboardId),
      ...METRIC_FIELDS.map((field) => rows.map((r) => r[field])),
      rows.map((r) => r.timestamp.toISOString()),
      rows.map((r) => r.period),
    ];
    const values = columns.map(arrayLiteral);
    const dashboardIds = [...new Set(rows.flatMap((r) => (r.dashboardId ? [r.dashboardId] : [])))];
    if (dashboardIds.length === 0)
      return void (await this.em.getConnection().execute(INSERT, values));
    const connection = this.em.getConnection();
    await connection.transactional(async (trx) => {
      await connection.execute(LOCK_SHARED, [arrayLiteral(dashboardIds)], 'all', trx);
      await connection.execute(INSERT_AND_FORGET, [...spansOf(rows), ...values], 'all', trx);
    });
  }
}
