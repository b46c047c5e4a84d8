import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { classifyError } from '../common/errors/error-kind';
import { ROOT_LOGGER } from '../platform/logging/logging.module';
import { JobMetrics, type JobOutcome } from '../platform/metrics/job-metrics';
import { isFinalFailure } from './final-failure';

/** One attempt of a job being run by this worker. */
export interface JobRun {
  completed(): void;
  /** `failure` is what the processor throws to BullMQ; `cause` what the handler threw. */
  failed(failure: unknown, cause: unknown): void;
}

const MAX_ERROR_TEXT = 500;

/**
 * A JSON line when a worker starts a job attempt ("job started") and one when it ends ("job finished": duration,
 * outcome completed / failed / retrying, error kind and message), plus the attempt in `queue_job_duration_seconds`.
 * Called by the processors' base class, so every queue gets it.
 */
@Injectable()
export class JobRunLog {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: JobMetrics,
  ) {}

  start(queue: string, job: Job): JobRun {
    const started = performance.now();
    const fields = {
      queue,
      job: job.name,
      jobId: job.id,
      taskId: job.id,
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
    };
    this.logger.info(fields, 'job started');
    const finish = (outcome: JobOutcome, error?: { kind: string; message: string }): void => {
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      this.metrics.observe(queue, job.name, outcome, durationMs);
      const line = {
        ...fields,
        durationMs,
        outcome,
        ...(error ? { errorKind: error.kind, error: error.message } : {}),
      };
      if (outcome === 'completed') this.logger.info(line, 'job finished');
      else this.logger.warn(line, 'job finished');
    };
    return {
      completed: () => finish('completed'),
      failed: (failure, cause) => {
        // BullMQ counts this attempt once it has failed; the decision is taken on that count.
        const error = failure instanceof Error ? failure : new Error(String(failure));
        const final = isFinalFailure({ attemptsMade: job.attemptsMade + 1, opts: job.opts }, error);
        const message = (cause instanceof Error ? cause.message : String(cause)).slice(
          0,
          MAX_ERROR_TEXT,
        );
        finish(final ? 'failed' : 'retrying', { kind: classifyError(cause), message });
      },
    };
  }
}
