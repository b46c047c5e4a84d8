import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';
import { AiModel } from './ai-model.entity';
import { JobStatus } from './job-status';

/** One request to generate a 3D asset. */
@Entity({ tableName: 'jobs' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['owner', 'createdAt'] })
@Index({ properties: ['owner', 'status', 'createdAt'] })
export class Job extends BaseEntity<
  | 'status'
  | 'progressPercent'
  | 'prompt'
  | 'error'
  | 'webhookUrl'
  | 'taskId'
  | 'startedAt'
  | 'completedAt'
> {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  owner: Ref<User>;

  @ManyToOne(() => AiModel, { ref: true })
  @Index()
  model: Ref<AiModel>;

  @Enum({ items: () => JobStatus, nativeEnumName: 'job_status' })
  status: JobStatus = JobStatus.Queued;

  @Property({ type: 'smallint' })
  progressPercent: number = 0;

  /** Parameters merged over the model's defaults and validated against its schema. */
  @Property({ type: 'jsonb' })
  inputParams: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  prompt: string | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'string', length: 2048, nullable: true })
  webhookUrl: string | null = null;

  /** The platform task (and BullMQ job id) that carries this job through its queue. */
  @Property({ type: 'uuid', nullable: true })
  taskId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}
