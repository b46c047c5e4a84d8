import { UnrecoverableError, type Job } from 'bullmq';

/** True when BullMQ will not retry this failed job: it failed unrecoverably or used up its attempts. */
export const isFinalFailure = (job: Job, error: Error): boolean =>
  error instanceof UnrecoverableError ||
  error.name === 'UnrecoverableError' ||
  job.attemptsMade >= (job.opts.attempts ?? 1);
