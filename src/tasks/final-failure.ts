import { UnrecoverableError, type Job } from 'bullmq';

type Attempted = Pick<Job, 'attemptsMade'> & { opts: Pick<Job['opts'], 'attempts'> };

/** True when BullMQ will not retry this failed job: it failed unrecoverably or used up its attempts. */
export const isFinalFailure = (job: Attempted, error: Error): boolean =>
  error instanceof UnrecoverableError ||
  error.name === 'UnrecoverableError' ||
  error.name === 'TaskFailure' ||
  job.attemptsMade >= (job.opts.attempts ?? 1);
