import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { isFinalFailure } from './final-failure';
import type { JobName, JobPayload, JobResult, QueueName } from './queue-catalog';
import { TaskRecorder } from './task-recorder';

export type JobHandlers<Q extends QueueName> = {
  [J in JobName<Q>]: (job: Job<JobPayload<Q, J>>) => Promise<JobResult<Q, J>>;
};

/**
 * Base of every BullMQ processor: dispatches a job to the handler for its name inside a fresh MikroORM
 * context, and mirrors the job's life (active, progress, completed, failed) into its task record.
 * Subclasses declare `queueName` and a complete `handlers` map; they contain no business logic.
 */
export abstract class QueueProcessor<Q extends QueueName> extends WorkerHost {
  abstract readonly queueName: Q;
  protected abstract readonly handlers: JobHandlers<Q>;

  @Inject(MikroORM) protected readonly orm: MikroORM;
  @Inject(TaskRecorder) private readonly recorder: TaskRecorder;

  handledJobs(): string[] {
    return Object.keys(this.handlers);
  }

  @CreateRequestContext()
  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Record<string, (job: Job) => Promise<unknown>>)[job.name];
    if (!handler)
      throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${this.queueName}"`);
    return handler(job);
  }

  @OnWorkerEvent('active')
  protected onActive(job: Job): Promise<void> {
    return this.recorder.started(job);
  }

  @OnWorkerEvent('progress')
  protected onProgress(job: Job, progress: unknown): Promise<void> {
    return this.recorder.progressed(job, progress);
  }

  @OnWorkerEvent('completed')
  protected onCompleted(job: Job, result: unknown): Promise<void> {
    return this.recorder.completed(job, result);
  }

  @OnWorkerEvent('failed')
  protected async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    await this.recorder.failed(job, error);
    if (isFinalFailure(job, error)) await this.afterFinalFailure(job, error);
  }

  /**
   * Called once a job has failed for good, whether its handler threw on the last attempt or BullMQ gave up on
   * it without running the handler (stalled too often after its worker died). Subclasses that mirror jobs into
   * their own records settle them here.
   */
  protected afterFinalFailure(_job: Job, _error: Error): Promise<void> {
    return Promise.resolve();
  }
}
