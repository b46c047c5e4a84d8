import { MikroORM } from '@mikro-orm/core';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import { Task } from '../entities/task.entity';
import { FINISHED_TASK_STATUSES } from '../entities/task-status';
import { QUEUE_CATALOG, QUEUE_NAMES, type QueueName } from '../queue-catalog';
import { QueueRegistry } from '../queue-registry';
import { jobRefOf, TaskLifecycle } from './task-lifecycle';
import { OPEN_TASK_STATUSES } from './task-state-machine';

const BATCH = 500;
const QUEUED_STATES = ['waiting', 'delayed', 'prioritized'] as const;

export interface ReconcileReport {
  /** False when another process held the lock. */
  ran: boolean;
  succeeded: number;
  failed: number;
  requeued: number;
  removed: number;
}

const finalError = (reason: string): Error => new UnrecoverableError(reason);

/**
 * Makes task records agree with BullMQ after anything that broke the link between them (a write lost while the
 * database was down, Redis restarted without its data, a worker killed). For each open task (queued, running,
 * retrying) not changed for TASK_RECONCILE_GRACE_MS: its job completed → succeeded with its return value; failed
 * → failed with its reason; gone from Redis → queued again under the same id (worker-run queues) or failed with
 * a clear reason (external workers' queues). A job still waiting for a task that has ended is removed. Runs at
 * worker start and every TASK_RECONCILE_INTERVAL_MS, under a Redis lock so one worker at a time does it; every
 * step is idempotent.
 */
@Injectable()
export class TaskReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TaskReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly queues: QueueRegistry,
    private readonly lifecycle: TaskLifecycle,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorkers) return;
    this.schedule();
    const every = this.config.tasks.reconcileIntervalMs;
    if (every > 0) this.timer = setInterval(() => this.schedule(), every).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; never rejects (a pass that fails is logged and the next one tries again). */
  private schedule(): void {
    if (this.running) return;
    this.running = this.reconcile()
      .then((report) => {
        if (report.succeeded + report.failed + report.requeued + report.removed > 0)
          this.logger.warn(report, 'reconciled task records with the queues');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not reconcile tasks'))
      .finally(() => (this.running = undefined));
  }

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      ran: false,
      succeeded: 0,
      failed: 0,
      requeued: 0,
      removed: 0,
    };
    const lock = `${this.config.redis.keyPrefix}:tasks:reconcile-lock`;
    const token = randomUUID();
    const ttl = Math.max(60_000, this.config.tasks.reconcileIntervalMs);
    if ((await this.redis.set(lock, token, 'PX', ttl, 'NX')) !== 'OK') return report;
    report.ran = true;
    try {
      const em = this.orm.em.fork();
      const open = await em.find(
        Task,
        {
          status: { $in: [...OPEN_TASK_STATUSES] },
          updatedAt: { $lt: new Date(Date.now() - this.config.tasks.reconcileGraceMs) },
        },
        { orderBy: { updatedAt: 'asc' }, limit: BATCH },
      );
      for (const task of open) await this.reconcileTask(task, report);
      for (const name of QUEUE_NAMES) await this.removeJobsOfEndedTasks(name, report);
    } finally {
      await this.redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
        1,
        lock,
        token,
      );
    }
    return report;
  }

  private async reconcileTask(task: Task, report: ReconcileReport): Promise<void> {
    if (!(QUEUE_NAMES as string[]).includes(task.queue)) return;
    const queueName = task.queue as QueueName;
    const queue = this.queues.get(queueName);
    const job = (await queue.getJob(task.jobId)) as Job | undefined;
    const state = job ? await job.getState() : 'unknown';
    if (job && state === 'completed') {
      await this.lifecycle.completed(job, job.returnvalue);
      report.succeeded++;
    } else if (job && state === 'failed') {
      await this.lifecycle.failed(job, finalError(job.failedReason || 'failed'));
      report.failed++;
    } else if (state === 'unknown') {
      const ref = jobRefOf(task);
      if (QUEUE_CATALOG[queueName].runBy !== 'worker') {
        await this.lifecycle.failed(
          ref,
          finalError(
            'Its queue job was lost (Redis lost its data); retry the task to run it again',
          ),
        );
        report.failed++;
      } else if (await this.lifecycle.requeued(ref)) {
        await queue.add(task.name, task.payload, { jobId: task.jobId });
        report.requeued++;
      }
    }
  }

  private async removeJobsOfEndedTasks(name: QueueName, report: ReconcileReport): Promise<void> {
    const jobs = (await this.queues.get(name).getJobs([...QUEUED_STATES], 0, BATCH - 1)) as Job[];
    const ids = jobs.map((job) => job.id).filter((id): id is string => Boolean(id));
    if (ids.length === 0) return;
    const ended = await this.orm.em
      .fork()
      .find(
        Task,
        { jobId: { $in: ids }, status: { $in: FINISHED_TASK_STATUSES } },
        { fields: ['jobId'] },
      );
    const endedIds = new Set(ended.map((task) => task.jobId));
    for (const job of jobs.filter((j) => endedIds.has(j.id ?? ''))) {
      await job.remove().catch(() => undefined);
      report.removed++;
    }
  }
}
