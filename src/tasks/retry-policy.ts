import { UnrecoverableError, type Job } from 'bullmq';
import { classifyError } from '../common/errors/error-kind';
import { taskErrorText } from '../common/errors/task-error-text';
import { backoffDelay } from './lifecycle/durable-writes';

export interface RetryLimits {
  /** Attempts of a job failing for an unknown reason. */
  attempts: number;
  backoffMs: number;
  backoffMaxMs: number;
}

/** The name of the BullMQ backoff strategy every worker-run queue uses (see {@link retryDelay}). */
export const PLATFORM_BACKOFF = 'platform';

/**
 * What a job's failure becomes. Transient errors (database, Redis or network down) are thrown as they are, so
 * BullMQ retries them up to the job's `attempts` (QUEUE_TRANSIENT_ATTEMPTS). Permanent errors (bad data) fail at
 * once, and unknown ones once QUEUE_DEFAULT_ATTEMPTS attempts are used: both as an UnrecoverableError carrying
 * a readable reason without SQL or stack trace.
 */
export function failureOf(job: Pick<Job, 'attemptsMade'>, error: unknown, limits: RetryLimits) {
  if (error instanceof UnrecoverableError) return error; // TaskFailure included: it keeps its details
  const kind = classifyError(error);
  if (kind === 'transient') return error;
  if (kind === 'permanent' || job.attemptsMade + 1 >= limits.attempts)
    return new UnrecoverableError(taskErrorText(error));
  return error;
}

/** Delay before the next attempt: QUEUE_BACKOFF_MS doubled per attempt made, capped at QUEUE_BACKOFF_MAX_MS. */
export const retryDelay = (attemptsMade: number, limits: RetryLimits): number =>
  backoffDelay(attemptsMade, limits.backoffMs, limits.backoffMaxMs);
