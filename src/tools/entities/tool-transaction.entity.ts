import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import type { ExpectedItem, MissingItem, UnexpectedClass } from '../analysis/toolkit-verdict';
import { Toolkit } from './toolkit.entity';

export enum TransactionType {
  Issue = 'ISSUE',
  Return = 'RETURN',
}

export enum TransactionStatus {
  Pending = 'PENDING',
  Complete = 'COMPLETE',
  Incomplete = 'INCOMPLETE',
  Failed = 'FAILED',
}

/** A toolkit issued to or returned by a technician, checked against a photo of its contents. */
@Entity({ tableName: 'tool_transactions' })
@Index({ properties: ['user', 'transactionTime'] })
@Index({ properties: ['toolkit', 'transactionTime'] })
@Index({ properties: ['transactionTime'] })
export class ToolTransaction extends BaseEntity<
  'status' | 'found' | 'missing' | 'unexpected' | 'annotatedImageKey' | 'modelVersion' | 'error'
> {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user: Ref<User>;

  @ManyToOne(() => Toolkit, { ref: true })
  toolkit: Ref<Toolkit>;

  @Enum({ items: () => TransactionType, nativeEnumName: 'tool_transaction_type' })
  type: TransactionType;

  @Property({ type: 'timestamptz' })
  transactionTime: Date;

  @Enum({ items: () => TransactionStatus, nativeEnumName: 'tool_transaction_status' })
  @Index()
  status: TransactionStatus = TransactionStatus.Pending;

  /** Expected vs found per toolkit item. */
  @Property({ type: 'jsonb' })
  found: ExpectedItem[] = [];

  @Property({ type: 'jsonb' })
  missing: MissingItem[] = [];

  @Property({ type: 'jsonb' })
  unexpected: UnexpectedClass[] = [];

  /** Media name of the annotated photo (`<uuid>.jpg`). */
  @Property({ type: 'string', length: 64, nullable: true })
  annotatedImageKey: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  modelVersion: string | null = null;

  /** Why detection failed (status FAILED). */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
