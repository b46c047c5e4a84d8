import { Entity, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';

/**
 * One vehicle's measured features, the model's verdict, and (later) the real inspection result. Every sort the
 * list offers has a (key, id) index, so a keyset page is an index range scan at any depth.
 */
@Entity({ tableName: 'predictions' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['date', 'id'] })
@Index({ properties: ['probability', 'id'] })
@Index({ properties: ['knr', 'id'] })
@Index({ properties: ['predictionResult'] })
@Index({ properties: ['realResult'] })
@Index({ properties: ['modelVersion', 'date'] })
export class Prediction extends BaseEntity<'realResult'> {
  /** Vehicle order number. */
  @Property({ type: 'string', length: 64 })
  knr: string;

  /** When the features were measured. */
  @Property({ type: 'timestamptz' })
  date: Date;

  @Property({ type: 'double' })
  feature1: number;

  @Property({ type: 'double' })
  feature2: number;

  @Property({ type: 'double' })
  feature3: number;

  /** 1 = predicted to fail inspection, 0 = to pass. */
  @Property({ type: 'smallint' })
  predictionResult: number;

  /** The model's probability of failure. */
  @Property({ type: 'double' })
  probability: number;

  /** The real inspection result, once known. */
  @Property({ type: 'smallint', nullable: true })
  realResult: number | null = null;

  /** Registry version of the model that made the prediction. */
  @Property({ type: 'string', length: 64 })
  modelVersion: string;
}
