import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import { METRIC_LIMITS, METRIC_PERIODS, type MetricPeriod } from '../metric-fields';
import { Dashboard } from './dashboard.entity';

// The CHECK expressions as PostgreSQL prints them back, so the schema diff (`migrate create`) sees no change.
const within = (column: string, [min, max]: readonly [number, number]): string =>
  `(${column} >= (${min})::double precision) AND (${column} <= (${max})::double precision)`;

/**
 * One measurement of an AI system at `timestamp`. Written in bulk by `MetricRowWriter` (one multi-row INSERT),
 * read by SQL aggregates; the covering index `(dashboard_id, timestamp) include (<the five values>)` lets the
 * range queries run as index-only scans. The CHECK constraints repeat the API's validation in the database.
 */
@Entity({ tableName: 'metrics' })
@Index({
  name: 'metrics_dashboard_id_timestamp_index',
  expression:
    'create index "metrics_dashboard_id_timestamp_index" on "metrics" ("dashboard_id", "timestamp") include ("ia_efficiency", "model_accuracy", "processing_time_ms", "memory_usage_mb", "error_rate")',
})
@Index({ properties: ['timestamp'] })
@Check({
  name: 'metrics_ia_efficiency_check',
  expression: within('ia_efficiency', METRIC_LIMITS.iaEfficiency),
})
@Check({
  name: 'metrics_model_accuracy_check',
  expression: within('model_accuracy', METRIC_LIMITS.modelAccuracy),
})
@Check({
  name: 'metrics_processing_time_ms_check',
  expression: within('processing_time_ms', METRIC_LIMITS.processingTimeMs),
})
@Check({
  name: 'metrics_memory_usage_mb_check',
  expression: within('memory_usage_mb', METRIC_LIMITS.memoryUsageMb),
})
@Check({
  name: 'metrics_error_rate_check',
  expression: within('error_rate', METRIC_LIMITS.errorRate),
})
export class Metric extends BaseEntity<'dashboard' | 'period'> {
  /** Who reported the point. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user: Ref<User>;

  @ManyToOne(() => Dashboard, { ref: true, nullable: true, deleteRule: 'cascade' })
  dashboard: Ref<Dashboard> | null = null;

  @Property({ type: 'double' })
  iaEfficiency: number;

  /** Null when unknown: the platform's own models without real results (the API requires a value). */
  @Property({ type: 'double', nullable: true })
  modelAccuracy: number | null;

  @Property({ type: 'double' })
  processingTimeMs: number;

  @Property({ type: 'double' })
  memoryUsageMb: number;

  @Property({ type: 'double' })
  errorRate: number;

  @Property({ type: 'timestamptz' })
  timestamp: Date;

  /** The period the point summarises, when the reporter says so. */
  @Enum({ items: () => [...METRIC_PERIODS], nullable: true })
  period: MetricPeriod | null = null;
}
