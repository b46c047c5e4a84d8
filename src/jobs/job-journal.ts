import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { TaskQueue } from '../tasks/task-queue.service';
import { JobEvent } from './entities/job-event.entity';
import { JobStatus, TERMINAL_JOB_STATUSES } from './entities/job-status';
import { Job } from './entities/job.entity';
import { JobUpdates, type JobUpdate } from './job-updates';

/** Changes a job's status or progress and records each change as a job event, in the same flush. */
@Injectable()
export class JobJournal {
  constructor(
    private readonly em: EntityManager,
    private readonly updates: JobUpdates,
    private readonly taskQueue: TaskQueue,
  ) {}

  /**
   * Moves the job to `status` and records the change as a job event, in one transaction. A job that has ended
   * never moves again: if another process ended it first (a cancel racing the worker's last step, say), nothing
   * is written and this returns false; the caller should stop and leave its other pending changes unflushed.
   */
  async status(job: Job, status: JobStatus, extra: { error?: string } = {}): Promise<boolean> {
    await this.em.begin();
    try {
      const moved = await this.em.nativeUpdate(
        Job,
        { id: job.id, status: { $nin: TERMINAL_JOB_STATUSES } },
        { status },
      );
      if (moved === 0) {
        await this.em.rollback();
        return false;
      }
      job.status = status;
      if (status === JobStatus.Running) job.startedAt ??= new Date();
      if (TERMINAL_JOB_STATUSES.includes(status)) job.completedAt = new Date();
      if (status === JobStatus.Succeeded) job.progressPercent = 100;
      if (extra.error !== undefined) job.error = extra.error;
      this.em.create(JobEvent, { job, type: 'status', payload: { status, ...extra } });
      await this.em.commit();
    } catch (error) {
      await this.em.rollback();
      throw error;
    }
    await this.publish(job, { type: 'status' });
    if (TERMINAL_JOB_STATUSES.includes(status) && job.webhookUrl) {
      await this.taskQueue.enqueue(
        'webhooks',
        'deliver-job',
        { jobId: job.id },
        { ownerId: job.owner.id },
      );
    }
    return true;
  }

  /** The QUEUED event of a new job, written in the same flush as the job itself. */
  recordQueued(job: Job): void {
    this.em.create(JobEvent, { job, type: 'status', payload: { status: JobStatus.Queued } });
  }

  async progress(job: Job, percent: number, step: string): Promise<void> {
    job.progressPercent = Math.max(job.progressPercent, Math.min(100, Math.round(percent)));
    this.em.create(JobEvent, {
      job,
      type: 'progress',
      payload: { progress_percent: job.progressPercent, step },
    });
    await this.em.flush();
    await this.publish(job, { type: 'progress', step });
  }

  private async publish(job: Job, update: Pick<JobUpdate, 'type' | 'step'>): Promise<void> {
    await this.updates
      .publish(job.id, {
        ...update,
        status: job.status,
        progress_percent: job.progressPercent,
        error: job.error,
      })
      .catch(() => undefined); // streams are best effort; the job row and its events are the record
  }
}
