import { Entity, Index, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import type { FeatureSpec } from '../models/feature-spec';
import type { RealtyAlgorithm, RegressionMetrics } from '../training/regression-training';
import { RealtyDataset } from './realty-dataset.entity';
import { TrainingRun } from './training-run.entity';

/**
 * A stored house-price model: version 1, 2, … of `realty-price`, its ONNX file in object storage and the feature
 * schema its rows must follow. At most one version is active (a partial unique index); the active one survives
 * restarts because it is kept here.
 */
@Entity({ tableName: 'realty_model_versions' })
@Index({
  name: 'realty_model_versions_one_active',
  expression:
    'create unique index "realty_model_versions_one_active" on "realty_model_versions" ("active") where "active"',
})
export class RealtyModelVersion extends BaseEntity<'active' | 'activatedAt'> {
  @Property({ type: 'integer' })
  @Unique()
  version: number;

  @ManyToOne(() => TrainingRun, { ref: true, deleteRule: 'cascade' })
  run: Ref<TrainingRun>;

  @ManyToOne(() => RealtyDataset, { ref: true, deleteRule: 'cascade' })
  dataset: Ref<RealtyDataset>;

  @Property({ type: 'string', length: 32 })
  algorithm: RealtyAlgorithm;

  @Property({ type: 'jsonb' })
  features: FeatureSpec[];

  @Property({ type: 'string', length: 64 })
  target: string;

  @Property({ type: 'jsonb' })
  metrics: RegressionMetrics;

  @Property({ type: 'string', length: 500 })
  onnxKey: string;

  @Property({ type: 'integer' })
  onnxBytes: number;

  @Property({ type: 'boolean' })
  active: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null = null;
}
