import type { Job } from 'bullmq';
import type { Task } from '../entities/task.entity';

/** What the lifecycle needs of a BullMQ job (a `Job` has it all; the reconciler builds it from a record). */
export type JobRef = Pick<
  Job,
  'id' | 'queueName' | 'name' | 'data' | 'attemptsMade' | 'processedOn'
> & {
  opts: Pick<Job['opts'], 'attempts'>;
};

/** The job of a task record, for transitions made without its BullMQ job at hand. */
export const jobRefOf = (task: Task): JobRef => ({
  id: task.jobId,
  queueName: task.queue,
  name: task.name,
  data: task.payload,
  attemptsMade: task.attempts,
  opts: { attempts: task.maxAttempts },
});

/** When the job's current attempt began, if a worker has taken it. */
export const startOf = (job: JobRef): Date | null =>
  job.processedOn ? new Date(job.processedOn) : null;
