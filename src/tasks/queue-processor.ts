import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config';
import { UnrecoverableError, type Job } from 'bullmq';
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
export abstract class QueueProcessor<Q extends QueueName>
  extends WorkerHost
  implements OnApplicationBootstrap
{
  abstract readonly queueName: Q;
  protected abstract readonly handlers: JobHandlers<Q>;

  @Inject(MikroORM) protected readonly orm: MikroORM;
  @Inject(TaskRecorder) private readonly recorder: TaskRecorder;
  @Inject(AppConfig) private readonly appConfig: AppConfig;

  /** Jobs this process runs at once on this queue (QUEUE_CONCURRENCY). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.appConfig.queues.concurrency;
  }

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
  protected onFailed(job: Job | undefined, error: Error): Promise<void> {
    return job ? this.recorder.failed(job, error) : Promise.resolve();
  }
}
