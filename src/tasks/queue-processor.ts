import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { AppConfig } from '../config';
import { isConnectionError } from '../redis/redis-connection-log';
import { isFinalFailure } from './final-failure';
import { JobRunLog } from './job-run-log';
import { TaskLifecycle } from './lifecycle/task-lifecycle';
import type { JobName, JobPayload, JobResult, QueueName } from './queue-catalog';
import { failureOf } from './retry-policy';

export type JobHandlers<Q extends QueueName> = {
  [J in JobName<Q>]: (job: Job<JobPayload<Q, J>>) => Promise<JobResult<Q, J>>;
};

/**
 * Base of every BullMQ processor: dispatches a job to the handler for its name inside a fresh MikroORM
 * context, turns its errors into retries or final failures (see retry-policy), and hands the job's life
 * (active, progress, completed, failed) to the task lifecycle. Subclasses declare `queueName` and a complete
 * `handlers` map; they contain no business logic. No event handler here can reject: the lifecycle retries
 * what it cannot write, and anything else is logged.
 */
export abstract class QueueProcessor<Q extends QueueName> extends WorkerHost {
  abstract readonly queueName: Q;
  protected abstract readonly handlers: JobHandlers<Q>;

  @Inject(MikroORM) protected readonly orm: MikroORM;
  @Inject(TaskLifecycle) protected readonly lifecycle: TaskLifecycle;
  @Inject(AppConfig) private readonly appConfig: AppConfig;
  @Inject(JobRunLog) private readonly jobRuns: JobRunLog;
  private readonly eventLogger = new Logger(QueueProcessor.name);
  private lastError = { message: '', at: 0 };

  handledJobs(): string[] {
    return Object.keys(this.handlers);
  }

  @CreateRequestContext()
  async process(job: Job): Promise<unknown> {
    const run = this.jobRuns.start(this.queueName, job);
    const handler = (this.handlers as Record<string, (job: Job) => Promise<unknown>>)[job.name];
    try {
      if (!handler)
        throw new UnrecoverableError(
          `No handler for job "${job.name}" on queue "${this.queueName}"`,
        );
      // The task's transitions so far (its start, where a module mirrors it) are written first; a task canceled
      // meanwhile stops here.
      await this.lifecycle.settled(job.id ?? '');
      if (await this.lifecycle.cancelRequested(job.id ?? '')) {
        run.completed();
        return { canceled: true };
      }
      const result = await handler(job);
      run.completed();
      return result;
    } catch (error) {
      const failure = failureOf(job, error, this.appConfig.queues);
      run.failed(failure, error);
      throw failure;
    }
  }

  @OnWorkerEvent('active')
  protected onActive(job: Job): Promise<void> {
    return this.safely(job, () => this.lifecycle.began(job));
  }

  @OnWorkerEvent('progress')
  protected onProgress(job: Job, progress: unknown): Promise<void> {
    return this.safely(job, () => this.lifecycle.progressed(job, progress));
  }

  @OnWorkerEvent('completed')
  protected onCompleted(job: Job, result: unknown): Promise<void> {
    return this.safely(job, () => this.lifecycle.completed(job, result));
  }

  @OnWorkerEvent('failed')
  protected onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return Promise.resolve();
    return this.safely(job, async () => {
      await this.lifecycle.failed(job, error);
      if (isFinalFailure(job, error))
        await this.lifecycle.durably(job.id ?? '', () => this.afterFinalFailure(job, error));
    });
  }

  /**
   * Other errors of the worker: one JSON line per distinct error and 10 s. Losing and regaining Redis is logged
   * once each by QueueConnectionLogging (src/redis), which watches every worker.
   */
  @OnWorkerEvent('error')
  protected onError(error: Error): void {
    if (isConnectionError(error)) return;
    const now = Date.now();
    if (error.message === this.lastError.message && now - this.lastError.at < 10_000) return;
    this.lastError = { message: error.message, at: now };
    this.eventLogger.warn({ err: error, queue: this.queueName }, 'queue worker error');
  }

  /**
   * Called once a job has failed for good (after its task is marked failed), whether its handler threw on the
   * last attempt or BullMQ gave up on it. Runs in its own ORM context and is retried like a task write.
   * Modules that keep their own record of a job mirror the task instead (see TaskMirror).
   */
  protected afterFinalFailure(_job: Job, _error: Error): Promise<void> {
    return Promise.resolve();
  }

  private async safely(job: Job, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.eventLogger.error(
        { err: error, queue: this.queueName, jobId: job.id },
        'worker event handler failed',
      );
    }
  }
}
