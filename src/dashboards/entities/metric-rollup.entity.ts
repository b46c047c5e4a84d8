import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Dashboard } from './dashboard.entity';

/**
 * The aggregates of one dashboard's points over one complete UTC hour (`hours` = 1) or UTC day (`hours` = 24), kept
 * so that long ranges are answered without reading every point (see `src/dashboards/rollups`). Arrays hold one entry
 * per field in `METRIC_FIELDS` order: `valueCounts` the points with a value (model accuracy may be null), `sums`,
 * `mins`, `maxes`, `p95s` the exact `percentile_cont(0.95)` of the span; `sketches` holds, field after field,
 * `ROLLUP_SKETCH_QUANTILES.length` values of the span at those quantiles (denser in the tail), from which the p95 of
 * several spans together is estimated. Written only for spans that have points, by SQL alone (never loaded as
 * entities); a point written later into a span deletes its rows in the same transaction. Removed with the dashboard.
 */
@Entity({ tableName: 'metric_rollups' })
export class MetricRollup {
  [PrimaryKeyProp]?: ['dashboard', 'hours', 'start'];

  @ManyToOne(() => Dashboard, { primary: true, ref: true, deleteRule: 'cascade' })
  dashboard: Ref<Dashboard>;

  /** 1 (an hour) or 24 (a day). */
  @PrimaryKey({ type: 'smallint' })
  hours: number;

  /** Start of the span (UTC, aligned to the epoch). */
  @PrimaryKey({ type: 'timestamptz' })
  start: Date;

  /** Points in the span. */
  @Property({ type: 'integer' })
  count: number;

  @Property({ columnType: 'integer[]' })
  valueCounts: number[];

  @Property({ columnType: 'double precision[]' })
  sums: (number | null)[];

  @Property({ columnType: 'double precision[]' })
  mins: (number | null)[];

  @Property({ columnType: 'double precision[]' })
  maxes: (number | null)[];

  @Property({ columnType: 'double precision[]' })
  p95s: (number | null)[];

  @Property({ columnType: 'double precision[]' })
  sketches: (number | null)[];

  @Property({ type: 'timestamptz' })
  computedAt: Date = new Date();
}
