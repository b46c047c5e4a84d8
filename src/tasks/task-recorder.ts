import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { newId } from '@app/database';
import { Task } from './entities/task.entity';
import { TaskStatus } from './entities/task-status';
import { isFinalFailure } from './final-failure';
import { TaskFailure } from './task-failure';

const MAX_ERROR_LENGTH = 2000;

/**
 * Writes BullMQ job events into task records. Updates for one job are applied in order (a per-job chain),
 * each in its own entity manager, so a late 'progress' can never overwrite 'completed'.
 */
@Injectable()
export class TaskRecorder {
  private readonly logger = new Logger(TaskRecorder.name);
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly orm: MikroORM) {}

  // The job object changes as the worker goes on (attemptsMade grows when it finishes), so each event's figures
  // are read when the event happens, not when its write runs later in the job's chain.
  started(job: Job): Promise<void> {
    const attempt = job.attemptsMade + 1;
    return this.apply(job, (task) => {
      task.status = TaskStatus.Running;
      task.attempts = attempt;
      task.startedAt ??= new Date();
      task.error = null;
    });
  }

  progressed(job: Job, progress: unknown): Promise<void> {
    const percent =
      typeof progress === 'number'
        ? progress
        : Number((progress as { percent?: unknown })?.percent);
    if (!Number.isFinite(percent)) return Promise.resolve();
    return this.apply(job, (task) => {
      if (task.status === TaskStatus.Running)
        task.progress = Math.max(0, Math.min(100, Math.round(percent)));
    });
  }

  completed(job: Job, result: unknown): Promise<void> {
    const attemptsMade = job.attemptsMade;
    return this.apply(job, (task) => {
      task.status = TaskStatus.Succeeded;
      task.progress = 100;
      task.result = result ?? null;
      task.error = null;
      task.attempts = Math.max(task.attempts, attemptsMade);
      task.finishedAt = new Date();
    });
  }

  failed(job: Job, error: Error): Promise<void> {
    const final = isFinalFailure(job, error);
    const attemptsMade = job.attemptsMade;
    return this.apply(job, (task) => {
      task.status = final ? TaskStatus.Failed : TaskStatus.Retrying;
      task.error = (error.message || error.name).slice(0, MAX_ERROR_LENGTH);
      task.attempts = Math.max(task.attempts, attemptsMade);
      task.finishedAt = final ? new Date() : null;
      if (error instanceof TaskFailure) task.result = error.details;
    });
  }

  private apply(job: Job, change: (task: Task) => void): Promise<void> {
    const key = job.id ?? '';
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(job, change))
      .catch((error: unknown) =>
        this.logger.error({ err: error, jobId: job.id }, 'could not record task event'),
      )
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
    return next;
  }

  private async write(job: Job, change: (task: Task) => void): Promise<void> {
    const em = this.orm.em.fork();
    const jobId = job.id ?? '';
    let task = await em.findOne(Task, { jobId });
    if (!task) {
      // Jobs made by a job scheduler (or another producer) get their record on first sight.
      task = em.create(Task, {
        id: newId(),
        jobId,
        queue: job.queueName,
        name: job.name,
        payload: (job.data ?? {}) as Record<string, unknown>,
        maxAttempts: job.opts.attempts ?? 1,
      });
    }
    change(task);
    await em.flush();
  }
}
