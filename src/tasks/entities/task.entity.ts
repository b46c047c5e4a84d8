import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import { TaskStatus } from './task-status';

/** Persisted state of one BullMQ job, kept in step with its events so it survives Redis loss and can be queried. */
@Entity({ tableName: 'tasks' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['owner', 'createdAt'] })
@Index({ properties: ['queue', 'name', 'createdAt'] })
export class Task extends BaseEntity<
  'owner' | 'status' | 'progress' | 'result' | 'error' | 'attempts' | 'startedAt' | 'finishedAt'
> {
  /** The BullMQ job id (equal to `id` for jobs the platform enqueues; scheduler-made jobs have their own). */
  @Property({ type: 'string', length: 200 })
  @Unique()
  jobId: string;

  @Property({ type: 'string', length: 64 })
  queue: string;

  @Property({ type: 'string', length: 64 })
  name: string;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  owner: Ref<User> | null = null;

  @Enum({ items: () => TaskStatus, nativeEnumName: 'task_status' })
  @Index()
  status: TaskStatus = TaskStatus.Queued;

  /** 0-100. */
  @Property({ type: 'smallint' })
  progress: number = 0;

  @Property({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Property({ type: 'jsonb', nullable: true })
  result: unknown = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'smallint' })
  attempts: number = 0;

  @Property({ type: 'smallint' })
  maxAttempts: number;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  finishedAt: Date | null = null;
}
