import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';

/**
 * One minute of one model version served by this platform, as measured by every process that ran it: the full
 * record behind the "Platform models" dashboards (which keep five figures per point). Written once per minute.
 */
@Entity({ tableName: 'platform_model_minutes' })
@Unique({ properties: ['model', 'version', 'minute'] })
export class PlatformModelMinute extends BaseEntity<'accuracy'> {
  @Property({ type: 'string', length: 100 })
  model: string;

  @Property({ type: 'string', length: 100 })
  version: string;

  /** Start of the minute (UTC). */
  @Property({ type: 'timestamptz' })
  minute: Date;

  @Property({ type: 'integer' })
  calls: number;

  @Property({ type: 'integer' })
  errors: number;

  @Property({ type: 'double' })
  latencyAvgMs: number;

  @Property({ type: 'double', fieldName: 'latency_p95_ms' })
  latencyP95Ms: number;

  @Property({ type: 'double' })
  memoryMb: number;

  /** Accuracy against the real results known when the minute was written; null when none is known. */
  @Property({ type: 'double', nullable: true })
  accuracy: number | null = null;
}
