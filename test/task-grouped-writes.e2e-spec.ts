import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Task } from '../src/tasks/entities/task.entity';
import { TaskStatus } from '../src/tasks/entities/task-status';
import { jobRefOf, TaskLifecycle, type JobRef } from '../src/tasks/lifecycle/task-lifecycle';
import { QueueRegistry } from '../src/tasks/queue-registry';
import { TaskQueue } from '../src/tasks/task-queue.service';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

/**
 * The writes the platform groups (see TickBatcher): concurrent enqueues share one INSERT and one addBulk,
 * concurrent successes one UPDATE, and a worker writes a short job's start with its end. Each caller still
 * gets its own outcome. The app runs without workers; the test plays the worker's events through the lifecycle.
 */
describe('task platform: grouped writes keep every task exact', () => {
  let t: TestApp;
  const queue = () => t.app.get(QueueRegistry).get('housekeeping');
  const lifecycle = () => t.app.get(TaskLifecycle);
  const em = () => t.app.get(EntityManager).fork();
  const rowOf = (id: string) => em().findOneOrFail(Task, { id });
  const enqueuePing = (taskId?: string) =>
    inRequestContext(t.app, () =>
      t.app.get(TaskQueue).enqueue('housekeeping', 'ping', {}, { delayMs: 60_000, taskId }),
    );
  /** The job as a worker sees it once it has taken it (`attemptsMade` grows when it finishes). */
  const taken = (task: Task, attemptsMade = 0): JobRef => ({
    ...jobRefOf(task),
    attemptsMade,
    processedOn: Date.now(),
  });

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' });
  });
  afterAll(() => t?.close());

  it('gives every one of a burst of concurrent enqueues its own record and queue job', async () => {
    const tasks = await Promise.all(Array.from({ length: 120 }, () => enqueuePing()));
    const ids = tasks.map((task) => task.id);
    expect(new Set(ids).size).toBe(120);
    expect(await em().count(Task, { id: { $in: ids }, status: TaskStatus.Queued })).toBe(120);
    const jobs = await Promise.all(ids.map((id) => queue().getJob(id)));
    expect(jobs.map((job) => job?.name)).toEqual(ids.map(() => 'ping'));
    expect(tasks.every((task) => task.jobId === task.id && task.status === TaskStatus.Queued)).toBe(
      true,
    );
  });

  it('fails only the enqueue whose record cannot be written; the others in its burst are queued', async () => {
    const existing = await enqueuePing();
    const results = await Promise.allSettled([
      enqueuePing(),
      enqueuePing(existing.id),
      enqueuePing(),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const result of results)
      if (result.status === 'fulfilled') {
        expect((await rowOf(result.value.id)).status).toBe(TaskStatus.Queued);
        expect(await queue().getJob(result.value.id)).toBeDefined();
      }
  });

  it('writes concurrent successes exactly: each its own result, an ended task untouched, a bad row alone refused', async () => {
    const [a, b, canceled, bad] = await Promise.all([1, 2, 3, 4].map(() => enqueuePing()));
    await lifecycle().canceled(jobRefOf(canceled));
    const unknownJobId = `scheduler-made-${Date.now()}`;
    const scheduled: JobRef = { ...taken(a), id: unknownJobId, data: {}, opts: { attempts: 1 } };
    await Promise.all([
      lifecycle().completed(taken(a, 1), { pong: 'a' }),
      lifecycle().completed(taken(b, 2), { pong: 'b' }),
      lifecycle().completed(taken(canceled, 1), { pong: 'late' }),
      lifecycle().completed(taken(bad, 1), { text: 'nul \u0000 is refused by jsonb' }),
      lifecycle().completed(scheduled, { pong: 'scheduled' }),
    ]);
    expect(await rowOf(a.id)).toMatchObject({
      status: TaskStatus.Succeeded,
      result: { pong: 'a' },
      attempts: 1,
      progress: 100,
    });
    expect(await rowOf(b.id)).toMatchObject({ status: TaskStatus.Succeeded, attempts: 2 });
    expect(await rowOf(canceled.id)).toMatchObject({ status: TaskStatus.Canceled, result: null });
    expect((await rowOf(bad.id)).status).toBe(TaskStatus.Queued);
    expect(await em().findOneOrFail(Task, { jobId: unknownJobId })).toMatchObject({
      status: TaskStatus.Succeeded,
      result: { pong: 'scheduled' },
    });
  });

  it('writes a short job queued → succeeded in one write, recording when it started', async () => {
    const task = await enqueuePing();
    const job = taken(task);
    await lifecycle().began(job);
    expect((await rowOf(task.id)).status).toBe(TaskStatus.Queued);
    await lifecycle().completed({ ...job, attemptsMade: 1 }, { pong: true });
    const row = await rowOf(task.id);
    expect(row).toMatchObject({ status: TaskStatus.Succeeded, attempts: 1 });
    expect(row.startedAt?.getTime()).toBe(job.processedOn);
    expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt!.getTime() - 1000);
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the start's delay: nothing moves back
    expect((await rowOf(task.id)).status).toBe(TaskStatus.Succeeded);
  });

  it('shows a job still running after the delay as running, and at once when it reports progress', async () => {
    const [slow, reporting] = await Promise.all([enqueuePing(), enqueuePing()]);
    await lifecycle().began(taken(slow));
    const running = await eventually(async () => {
      const row = await rowOf(slow.id);
      return row.status === TaskStatus.Running ? row : undefined;
    }, 2_000);
    expect(running.attempts).toBe(1);
    expect(running.startedAt).not.toBeNull();

    await lifecycle().began(taken(reporting));
    await lifecycle().progressed(taken(reporting), 40);
    expect(await rowOf(reporting.id)).toMatchObject({ status: TaskStatus.Running, progress: 40 });
  });

  it('cancels a job taken but not yet written running, and its late start and end change nothing', async () => {
    const task = await enqueuePing();
    const job = taken(task);
    await lifecycle().began(job);
    expect(await lifecycle().canceled(jobRefOf(task))).toBe(true);
    expect(await lifecycle().cancelRequested(task.id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await lifecycle().completed({ ...job, attemptsMade: 1 }, { canceled: true });
    expect((await rowOf(task.id)).status).toBe(TaskStatus.Canceled);
  });
});
