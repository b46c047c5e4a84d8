import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { newId } from '@app/database';
import { taskErrorText } from '../../common/errors/task-error-text';
import { AppConfig } from '../../config';
import type { Task } from '../entities/task.entity';
import { TaskStatus } from '../entities/task-status';
import { isFinalFailure } from '../final-failure';
import { TaskFailure } from '../task-failure';
import { DeferredStarts } from './deferred-starts';
import { DurableWrites } from './durable-writes';
import { GroupedCompletions, type TaskRow } from './grouped-completions';
import { GroupedStatusReads } from './grouped-status-reads';
import { startOf, type JobRef } from './job-ref';
import type { TaskMirror, TaskTransition } from './task-mirror';
import { allowedPredecessors, targetOf, type TaskEvent } from './task-state-machine';

export { jobRefOf, type JobRef } from './job-ref';

type Changes = Record<string, unknown>;

/** How long a job runs before its task is written `running` (see {@link TaskLifecycle.began}). */
const START_WRITE_DELAY_MS = 200;

const RETURNED = [
  'id',
  'job_id',
  'queue',
  'name',
  'payload',
  'status',
  'progress',
  'error',
  'result',
];

/**
 * The one place that writes task transitions. Each is a conditional UPDATE guarded by the statuses it may
 * follow (see task-state-machine), so a late or repeated event never moves a record backwards, in this process
 * or any other. Writes of one task run in order; a write the database refuses because it is unreachable is
 * retried with capped backoff until it succeeds, never dropped, and no method here ever rejects. After each
 * transition the mirrors registered for the task's queue are called (see {@link TaskMirror}).
 */
@Injectable()
export class TaskLifecycle {
  private readonly logger = new Logger(TaskLifecycle.name);
  private readonly mirrors = new Map<string, TaskMirror[]>();
  private readonly writes: DurableWrites;
  private readonly deferredStarts = new DeferredStarts(START_WRITE_DELAY_MS);
  private readonly completions = new GroupedCompletions(() => this.knex(), RETURNED);
  private readonly statuses = new GroupedStatusReads(() => this.knex());

  constructor(
    private readonly orm: MikroORM,
    config: AppConfig,
  ) {
    this.writes = new DurableWrites({
      baseDelayMs: 200,
      maxDelayMs: config.tasks.writeRetryMaxMs,
      unknownErrorRetries: 5,
      onRetry: (key, err, attempt, delayMs) =>
        this.logger.warn({ err, taskJobId: key, attempt, delayMs }, 'task write failed; retrying'),
      onGiveUp: (key, err) =>
        this.logger.error({ err, taskJobId: key }, 'task write failed for good; given up'),
    });
  }

  /** Calls `mirror` after every transition of a task on one of `queues`. */
  registerMirror(queues: readonly string[], mirror: TaskMirror): void {
    for (const queue of queues)
      this.mirrors.set(queue, [...(this.mirrors.get(queue) ?? []), mirror]);
  }

  // The job object changes as the worker goes on (attemptsMade grows when it finishes), so each event's figures
  // are read when the event happens, not when its write runs later in the task's chain.
  started(job: JobRef): Promise<void> {
    return this.writeStart(job, job.attemptsMade + 1);
  }

  /**
   * A worker took the job. On a queue a module mirrors, the task is `running` before the handler runs (written
   * at once, {@link settled} waits for it). Elsewhere the write waits START_WRITE_DELAY_MS and is skipped if the
   * job ends first: a short job goes from `queued` to its end in one write, which records when it started. A
   * cancel meanwhile works alike (the task is open either way, and the handler checks it).
   */
  began(job: JobRef): Promise<void> {
    if (this.mirrors.has(job.queueName)) return this.started(job);
    const attempt = job.attemptsMade + 1;
    this.deferredStarts.defer(job.id ?? '', () => void this.writeStart(job, attempt));
    return Promise.resolve();
  }

  private writeStart(job: JobRef, attempt: number): Promise<void> {
    const startedAt = startOf(job);
    return this.apply(job, 'start', (k) => ({
      attempts: k.raw('greatest(attempts, ?)', [attempt]),
      started_at: k.raw('coalesce(started_at, ?::timestamptz, now())', [startedAt]),
      error: null,
    }));
  }

  progressed(job: JobRef, progress: unknown): Promise<void> {
    const percent =
      typeof progress === 'number'
        ? progress
        : Number((progress as { percent?: unknown } | null)?.percent);
    if (!Number.isFinite(percent)) return Promise.resolve();
    this.deferredStarts.now(job.id ?? ''); // progress is only recorded on a running task
    return this.apply(job, 'progress', () => ({
      progress: Math.max(0, Math.min(100, Math.round(percent))),
    }));
  }

  /** The job succeeded; written together with the other jobs finishing at the same moment. */
  completed(job: JobRef, result: unknown): Promise<void> {
    this.deferredStarts.drop(job.id ?? '');
    const completion = {
      jobId: job.id ?? '',
      result: JSON.stringify(result ?? null),
      attemptsMade: job.attemptsMade,
      startedAt: startOf(job),
    };
    return this.apply(
      job,
      'succeed',
      (k) => ({
        progress: 100,
        result: k.raw('?::jsonb', [completion.result]),
        error: null,
        attempts: k.raw('greatest(attempts, ?)', [completion.attemptsMade]),
        started_at: k.raw('coalesce(started_at, ?::timestamptz, now())', [completion.startedAt]),
        finished_at: k.fn.now(),
      }),
      () => this.completions.write(completion),
    );
  }

  /** An attempt failed: the task is `retrying`, or `failed` if BullMQ will not try again. */
  failed(job: JobRef, error: Error): Promise<void> {
    this.deferredStarts.drop(job.id ?? '');
    const final = isFinalFailure(job, error);
    const attemptsMade = job.attemptsMade;
    const startedAt = startOf(job);
    const text = error instanceof TaskFailure ? error.message : taskErrorText(error);
    return this.apply(job, final ? 'fail' : 'retry-later', (k) => ({
      error: text,
      attempts: k.raw('greatest(attempts, ?)', [attemptsMade]),
      started_at: k.raw('coalesce(started_at, ?::timestamptz)', [startedAt]),
      finished_at: final ? k.fn.now() : null,
      ...(error instanceof TaskFailure
        ? { result: k.raw('?::jsonb', [JSON.stringify(error.details)]) }
        : {}),
    }));
  }

  /** Ends an open task `canceled`; false if it had already ended. */
  canceled(job: JobRef): Promise<boolean> {
    return this.applied(job, 'cancel', (k) => ({ finished_at: k.fn.now() }));
  }

  /** Puts an open task back to `queued`, before its lost queue job is added again. */
  requeued(job: JobRef): Promise<boolean> {
    return this.applied(job, 'requeue', () => ({ progress: 0 }));
  }

  /** Opens a failed task for a new run; false if it is not failed. */
  rerun(job: JobRef): Promise<boolean> {
    return this.applied(job, 'rerun', () => ({
      error: null,
      result: null,
      progress: 0,
      finished_at: null,
    }));
  }

  /** The first reason a mirror of the task's queue gives for refusing a new run of it, or null. */
  async rerunRefusal(task: Task): Promise<string | null> {
    for (const mirror of this.mirrors.get(task.queue) ?? []) {
      const reason = await mirror.refuseRerun?.({
        taskId: task.id,
        queue: task.queue,
        name: task.name,
      });
      if (reason) return reason;
    }
    return null;
  }

  /** True once the task of this job has been canceled: a handler checks it between its steps. */
  async cancelRequested(jobId: string): Promise<boolean> {
    return (await this.statuses.statusOf(jobId)) === TaskStatus.Canceled;
  }

  /** Resolves once every transition of this job queued so far has been written and mirrored. */
  settled(jobId: string): Promise<void> {
    return this.writes.run(jobId, () => Promise.resolve());
  }

  /** Runs `work` in this task's order with the same retry guarantees (for a processor's own follow-up). */
  durably(jobId: string, work: () => Promise<void>): Promise<void> {
    return this.writes.run(jobId, () => this.inContext(work));
  }

  private async applied(job: JobRef, event: TaskEvent, changes: (k: Knex) => Changes) {
    let moved = false;
    await this.apply(job, event, changes, undefined, () => (moved = true));
    return moved;
  }

  private apply(
    job: JobRef,
    event: TaskEvent,
    changes: (k: Knex) => Changes,
    grouped?: () => Promise<TaskRow | null>,
    onMoved?: () => void,
  ): Promise<void> {
    const jobId = job.id ?? '';
    let transition: TaskTransition | null | undefined;
    return this.writes.run(jobId, async () => {
      // Once the transition is written, a retry only calls the mirrors again.
      transition ??= await this.write(job, event, changes, grouped);
      if (!transition) return;
      onMoved?.();
      for (const mirror of this.mirrors.get(transition.queue) ?? [])
        await this.inContext(() => mirror.mirror(transition as TaskTransition));
    });
  }

  private async write(
    job: JobRef,
    event: TaskEvent,
    changes: (k: Knex) => Changes,
    grouped?: () => Promise<TaskRow | null>,
  ): Promise<TaskTransition | null> {
    const k = this.knex();
    const jobId = job.id ?? '';
    const update = async () =>
      (await k('tasks')
        .where({ job_id: jobId })
        .whereIn('status', [...allowedPredecessors(event)])
        .update(
          { ...changes(k), status: targetOf(event), updated_at: k.fn.now() },
          RETURNED,
        )) as TaskRow[];
    // The grouped write, when there is one, comes first; the record of a job seen for the first time is
    // written alone.
    let rows = grouped ? [await grouped()].filter((row) => row !== null) : await update();
    if (rows.length === 0 && !(await k('tasks').where({ job_id: jobId }).first('id'))) {
      // Jobs made by a job scheduler (or another producer) get their record on first sight.
      await k('tasks')
        .insert({
          id: newId(),
          created_at: k.fn.now(),
          updated_at: k.fn.now(),
          job_id: jobId,
          queue: job.queueName,
          name: job.name,
          payload: JSON.stringify(job.data ?? {}),
          max_attempts: job.opts.attempts ?? 1,
        })
        .onConflict('job_id')
        .ignore();
      rows = await update();
    }
    const row = rows[0];
    if (!row) return null;
    return {
      event,
      taskId: String(row.id),
      jobId: String(row.job_id),
      queue: String(row.queue),
      name: String(row.name),
      payload: row.payload as Record<string, unknown>,
      status: row.status as TaskStatus,
      progress: Number(row.progress),
      error: (row.error as string | null) ?? null,
      result: row.result ?? null,
    };
  }

  private knex(): Knex {
    return (this.orm.em as EntityManager).getKnex();
  }

  private inContext(work: () => Promise<void>): Promise<void> {
    return RequestContext.create(this.orm.em.fork(), work);
  }
}
