import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { newId } from '@app/database';
import { Job } from './job.entity';

/** Every state change and progress step of a job, for audit, streaming and metrics. */
@Entity({ tableName: 'job_events' })
@Index({ properties: ['job', 'createdAt'] })
export class JobEvent {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Job, { ref: true, deleteRule: 'cascade' })
  job: Ref<Job>;

  /** e.g. `status`, `progress`, `webhook`. */
  @Property({ type: 'string', length: 32 })
  type: string;

  @Property({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
