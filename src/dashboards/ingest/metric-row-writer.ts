import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import {
  METRIC_COLUMNS,
  METRIC_FIELDS,
  type MetricPeriod,
  type StoredMetricValues,
} from '../metric-fields';

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
 * Writes points with one multi-row INSERT (`insert … select from unnest(<one array per column>)`): one statement,
 * so one transaction, with a constant number of parameters whatever the batch size.
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
    await this.em.getConnection().execute(INSERT, columns.map(arrayLiteral));
  }
}
