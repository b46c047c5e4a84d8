import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import type { ColumnStats } from '../datasets/dataset-table';

export type DatasetOrigin = 'csv' | 'json' | 'demo' | 'legacy';

/**
 * A tabular house dataset: schema, statistics and where its typed rows are stored (object storage, one JSON file
 * read whole by training; Postgres holds only what lists and inspections need).
 */
@Entity({ tableName: 'realty_datasets' })
@Index({ properties: ['createdAt'] })
export class RealtyDataset extends BaseEntity<'owner' | 'defaultFeatures'> {
  @Property({ type: 'string', length: 200 })
  name: string;

  @Property({ type: 'string', length: 16 })
  origin: DatasetOrigin;

  @Property({ type: 'string', length: 64 })
  target: string;

  @Property({ type: 'integer' })
  rowCount: number;

  /** Every column with its kind and statistics, in the data's order. */
  @Property({ type: 'jsonb' })
  columns: ColumnStats[];

  /** Features a run uses when it names none (null: every column but the target). */
  @Property({ type: 'jsonb', nullable: true })
  defaultFeatures: string[] | null = null;

  /** SHA-256 of the stored typed rows. */
  @Property({ type: 'string', length: 64 })
  contentHash: string;

  @Property({ type: 'string', length: 500 })
  storageKey: string;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  owner: Ref<User> | null = null;
}
