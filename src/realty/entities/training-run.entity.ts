import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import type { RealtyAlgorithm, RegressionMetrics } from '../training/regression-training';
import { RealtyDataset } from './realty-dataset.entity';

/** When a successful run's model becomes the active version. */
export type ActivationPolicy = 'if-none-active' | 'always';

/**
 * One training run: what was asked (dataset, algorithm, seed, features, parameters) and, once its task
 * succeeded, what came out. Its status and progress are its task's (one record of the background work).
 */
@Entity({ tableName: 'realty_training_runs' })
@Index({ properties: ['createdAt'] })
export class TrainingRun extends BaseEntity<
  | 'owner'
  | 'dataHash'
  | 'metrics'
  | 'featureImportance'
  | 'durationMs'
  | 'chartKey'
  | 'modelVersion'
  | 'trainRows'
  | 'holdoutRows'
> {
  /** Its task (same id as the BullMQ job); written before the task, so not a foreign key. */
  @Property({ type: 'uuid' })
  @Unique()
  taskId: string;

  @ManyToOne(() => RealtyDataset, { ref: true, deleteRule: 'cascade' })
  dataset: Ref<RealtyDataset>;

  @Property({ type: 'string', length: 32 })
  algorithm: RealtyAlgorithm;

  @Property({ type: 'integer' })
  seed: number;

  @Property({ type: 'jsonb' })
  features: string[];

  @Property({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Property({ type: 'string', length: 16 })
  activation: ActivationPolicy;

  /** SHA-256 of the feature and target values the run trained on. */
  @Property({ type: 'string', length: 64, nullable: true })
  dataHash: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  metrics: RegressionMetrics | null = null;

  @Property({ type: 'jsonb', nullable: true })
  featureImportance: Record<string, number> | null = null;

  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @Property({ type: 'integer', nullable: true })
  trainRows: number | null = null;

  @Property({ type: 'integer', nullable: true })
  holdoutRows: number | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  chartKey: string | null = null;

  @Property({ type: 'integer', nullable: true })
  modelVersion: number | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  owner: Ref<User> | null = null;
}
