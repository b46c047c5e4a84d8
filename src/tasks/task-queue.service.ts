import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { withinTimeout } from '../common/async/within-timeout';
import type { Principal } from '../common/auth/principal';
import { AppConfig } from '../config';
import { GroupedJobAdds } from './enqueue/grouped-job-adds';
import { GroupedTaskInserts } from './enqueue/grouped-task-inserts';
import { Task } from './entities/task.entity';
import { FINISHED_TASK_STATUSES, TaskStatus } from './entities/task-status';
import { jobRefOf, TaskLifecycle } from './lifecycle/task-lifecycle';
import type { JobName, JobPayload, QueueName } from './queue-catalog';
import { QueueRegistry } from './queue-registry';
import { QueueUnavailableException } from './queue-unavailable';
import { TasksService } from './tasks.service';

export interface EnqueueOptions {
  ownerId?: string | null;
  /** Id to give the task (and the BullMQ job), when the caller must record it before the job can start. */
  taskId?: string;
  /** 1 is the highest priority (BullMQ semantics); omit for FIFO. */
  priority?: number;
  delayMs?: number;
}

/**
 * Puts work on a queue: the task record is written first, then the job is added under the same id. Concurrent
 * enqueues share one INSERT and one Redis round trip (see GroupedTaskInserts, GroupedJobAdds). If Redis is
 * unavailable the task ends `failed` and a 503 (QueueUnavailableException) is thrown within the enqueue timeout.
 */
@Injectable()
export class TaskQueue {
  private readonly logger = new Logger(TaskQueue.name);

  constructor(
    private readonly em: EntityManager,
    private readonly queues: QueueRegistry,
    private readonly inserts: GroupedTaskInserts,
    private readonly jobs: GroupedJobAdds,
    private readonly tasks: TasksService,
    private readonly lifecycle: TaskLifecycle,
    private readonly config: AppConfig,
  ) {}

  async enqueue<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    name: J,
    payload: JobPayload<Q, J>,
    options: EnqueueOptions = {},
  ): Promise<Task> {
    const task = this.em.create(
      Task,
      {
        ...(options.taskId ? { id: options.taskId } : {}),
        jobId: '',
        queue,
        name,
        payload: payload as Record<string, unknown>,
        owner: options.ownerId ?? null,
        maxAttempts: this.config.queues.attempts,
      },
      { persist: false },
    );
    task.jobId = task.id;
    await this.inserts.insert(task);
    await this.addJob(task, options);
    return task;
  }

  /**
   * Runs a failed task again (a new attempt cycle under the same id): its failed queue job is retried, or, when
   * Redis no longer has it, added again.
   */
  async retry(taskId: string, caller: Principal): Promise<Task> {
    const task = await this.tasks.getVisible(taskId, caller);
    const notFailed = () =>
      new ConflictException(`Only failed tasks can be retried; this one is ${task.status}`);
    if (task.status !== TaskStatus.Failed) throw notFailed();
    const refusal = await this.lifecycle.rerunRefusal(task);
    if (refusal) throw new ConflictException(refusal);
    const existing = await this.queues.get(task.queue as QueueName).getJob(task.jobId);
    if (!(await this.lifecycle.rerun(jobRefOf(task)))) {
      await this.em.refresh(task);
      throw notFailed();
    }
    await this.em.refresh(task);
    if (existing && (await existing.getState()) === 'failed') await existing.retry('failed');
    else {
      if (existing) await existing.remove();
      await this.addJob(task, {});
    }
    return task;
  }

  /** Cancels a task the caller may see (see {@link cancelTask}). */
  async cancel(taskId: string, caller: Principal): Promise<Task> {
    return this.cancelTask(await this.tasks.getVisible(taskId, caller));
  }

  /**
   * Ends an open task `canceled` (and, through their mirror, a module's own record of it). A job still waiting in
   * its queue is removed; a running one is told through its task, which its handler checks between steps.
   */
  async cancelTask(task: Task): Promise<Task> {
    const ended = () => new ConflictException(`Task ${task.id} is already ${task.status}`);
    if (FINISHED_TASK_STATUSES.includes(task.status)) throw ended();
    // An active job is locked by its worker and cannot be removed; it stops at its handler's next check.
    const job = await this.queues.get(task.queue as QueueName).getJob(task.jobId);
    if (job && (await job.getState()) !== 'active') await job.remove().catch(() => undefined);
    const canceled = await this.lifecycle.canceled(jobRefOf(task));
    await this.em.refresh(task);
    if (!canceled) throw ended();
    return task;
  }

  /**
   * Adds the task's job, waiting at most QUEUE_ENQUEUE_TIMEOUT_MS. When Redis refuses or does not answer, the
   * task is ended `failed` ("Could not enqueue", no open record without a queue job) and the caller gets a 503.
   * An add that Redis completes after the timeout (it hung, then came back) is removed again.
   */
  private async addJob(task: Task, options: EnqueueOptions): Promise<void> {
    const adding = this.jobs.add(task.queue as QueueName, {
      name: task.name,
      data: task.payload,
      opts: { jobId: task.jobId, priority: options.priority, delay: options.delayMs },
    });
    try {
      await withinTimeout(adding, this.config.queues.enqueueTimeoutMs, 'enqueue');
    } catch (error) {
      this.logger.warn(
        { taskId: task.id, queue: task.queue, reason: (error as Error).message },
        'could not enqueue task',
      );
      adding.then((late) => this.removeLateJob(task, late)).catch(() => undefined);
      // Through the lifecycle like every transition, so a module's mirror (a 3D job) fails with it.
      await this.lifecycle.failed(
        jobRefOf(task),
        new UnrecoverableError('Could not enqueue: queue unavailable'),
      );
      await this.em.refresh(task);
      throw new QueueUnavailableException();
    }
  }

  private async removeLateJob(task: Task, late: Job): Promise<void> {
    await late.remove().then(
      () =>
        this.logger.warn({ taskId: task.id }, 'removed a job queued after its enqueue timed out'),
      (error: Error) =>
        this.logger.warn(
          { taskId: task.id, reason: error.message },
          'a job queued after its enqueue timed out could not be removed',
        ),
    );
  }
}
