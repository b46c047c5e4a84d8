import { EntityManager } from '@mikro-orm/postgresql';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptionsOf } from '../src/redis/redis-connection';
import { TaskLifecycle } from '../src/tasks/lifecycle/task-lifecycle';
import { TaskReconciler } from '../src/tasks/lifecycle/task-reconciler';
import { Task } from '../src/tasks/entities/task.entity';
import { TaskStatus } from '../src/tasks/entities/task-status';
import { QueueRegistry } from '../src/tasks/queue-registry';
import { TaskQueue } from '../src/tasks/task-queue.service';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';
import { spawnWorkerProcess } from './support/worker-process';

/**
 * Cancel, retry and reconciliation of task records against BullMQ. The app runs without workers, so the test
 * decides what happens to each queue job (a bare BullMQ worker stands for one whose task writes were lost).
 */
describe('task lifecycle: cancel, retry, reconciliation with the queues', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.adminKey });
  const queue = () => t.app.get(QueueRegistry).get('housekeeping');
  const em = () => t.app.get(EntityManager).fork();
  const taskOf = async (id: string) =>
    (await t.http.get(`/api/v1/tasks/${id}`).set(auth()).expect(200)).body;
  const setStatus = (id: string, status: TaskStatus) =>
    em().nativeUpdate(Task, { id }, { status, finishedAt: null });
  const reconcile = () => t.app.get(TaskReconciler).reconcile();

  /** A housekeeping task left in the queue (no worker runs in this app). */
  const enqueue = async (delayMs?: number): Promise<string> => {
    const task = await inRequestContext(t.app, () =>
      t.app
        .get(TaskQueue)
        .enqueue('housekeeping', 'purge-api-keys', { retentionDays: 30 }, { delayMs }),
    );
    return task.id;
  };

  /** Runs the waiting housekeeping jobs with a bare BullMQ worker that records nothing in Postgres. */
  const runWithoutRecording = async (outcome: () => Promise<unknown>): Promise<void> => {
    const worker = new Worker('housekeeping', outcome, {
      connection: redisOptionsOf(t.config.redis),
      prefix: t.config.redis.keyPrefix,
    });
    try {
      await eventually(async () => ((await queue().getWaitingCount()) === 0 ? true : undefined));
      await eventually(async () => ((await queue().getActiveCount()) === 0 ? true : undefined));
    } finally {
      await worker.close();
    }
  };

  beforeAll(async () => {
    t = await createTestApp({
      role: 'api',
      env: { TASK_RECONCILE_GRACE_MS: '0', QUEUE_DEFAULT_ATTEMPTS: '1' },
    });
  });
  afterAll(() => t?.close());

  it('cancels a queued task: canceled, removed from its queue, and cannot be canceled again', async () => {
    const id = await enqueue(60_000);
    expect(await queue().getJob(id)).toBeDefined();
    const canceled = await t.http.post(`/api/v1/tasks/${id}/cancel`).set(auth()).expect(200);
    expect(canceled.body).toMatchObject({ id, status: 'canceled' });
    expect(canceled.body.finishedAt).not.toBeNull();
    expect(await queue().getJob(id)).toBeUndefined();
    const again = await t.http.post(`/api/v1/tasks/${id}/cancel`).set(auth()).expect(409);
    expect(again.body.message).toContain('canceled');
    await t.http
      .post('/api/v1/tasks/01939a8e-0000-7000-8000-000000000000/cancel')
      .set(auth())
      .expect(404);
  });

  it('ends a task left running whose queue job completed, with the job’s return value', async () => {
    const id = await enqueue();
    await runWithoutRecording(async () => ({ deleted: 7 }));
    await setStatus(id, TaskStatus.Running);
    expect((await reconcile()).succeeded).toBe(1);
    expect(await taskOf(id)).toMatchObject({ status: 'succeeded', result: { deleted: 7 } });
  });

  it('fails a task left running whose queue job failed, with its reason', async () => {
    const id = await enqueue();
    await runWithoutRecording(() => Promise.reject(new UnrecoverableError('disk full')));
    await setStatus(id, TaskStatus.Running);
    await reconcile();
    const task = await taskOf(id);
    expect(task).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(task.finishedAt).not.toBeNull();
  });

  it('re-queues, under the same id, a task whose queue job Redis lost', async () => {
    const id = await enqueue();
    await (await queue().getJob(id))?.remove();
    await setStatus(id, TaskStatus.Running);
    expect((await reconcile()).requeued).toBe(1);
    expect((await taskOf(id)).status).toBe('queued');
    const job = await queue().getJob(id);
    expect(job?.name).toBe('purge-api-keys');
    expect(job?.data).toEqual({ retentionDays: 30 });
    expect((await reconcile()).requeued).toBe(0); // idempotent: the job is there now
  });

  it('fails a task of an external workers’ queue whose queue job was lost', async () => {
    const task = await inRequestContext(t.app, () =>
      t.app.get(TaskQueue).enqueue('jobs-external', 'generate', {} as never),
    );
    await (await t.app.get(QueueRegistry).get('jobs-external').getJob(task.id))?.remove();
    await reconcile();
    expect(await taskOf(task.id)).toMatchObject({ status: 'failed' });
    expect((await taskOf(task.id)).error).toMatch(/queue job was lost/);
  });

  it('removes a waiting queue job whose task has ended', async () => {
    const id = await enqueue(60_000);
    await em().nativeUpdate(Task, { id }, { status: TaskStatus.Canceled });
    expect((await reconcile()).removed).toBe(1);
    expect(await queue().getJob(id)).toBeUndefined();
  });

  it('retries a failed task whose queue job is gone, under the same id', async () => {
    const id = await enqueue();
    await (await queue().getJob(id))?.remove();
    await em().nativeUpdate(Task, { id }, { status: TaskStatus.Failed, error: 'lost' });
    const retried = await t.http.post(`/api/v1/tasks/${id}/retry`).set(auth()).expect(202);
    expect(retried.body).toMatchObject({ status: 'queued', error: null });
    expect(await queue().getJob(id)).toBeDefined();
  });

  it('a worker process reconciles at start: a task whose job Redis lost runs again and succeeds', async () => {
    const id = await enqueue();
    await (await queue().getJob(id))?.remove();
    await setStatus(id, TaskStatus.Running);
    const worker = await spawnWorkerProcess(t.variables);
    try {
      await worker.ready();
      const done = await eventually(async () => {
        const task = await taskOf(id);
        return task.status === 'succeeded' ? task : undefined;
      }, 30_000);
      expect(done.result).toEqual({ deleted: 0 });
      expect(worker.child.exitCode).toBeNull();
    } finally {
      await worker.stop();
    }
  });

  it('never moves an ended task on a late event', async () => {
    const id = await enqueue(60_000);
    await t.http.post(`/api/v1/tasks/${id}/cancel`).set(auth()).expect(200);
    const lifecycle = t.app.get(TaskLifecycle);
    const ref = {
      id,
      queueName: 'housekeeping',
      name: 'purge-api-keys',
      data: {},
      attemptsMade: 0,
      opts: { attempts: 3 },
    };
    await lifecycle.started(ref);
    await lifecycle.progressed(ref, 50);
    await lifecycle.completed(ref, { deleted: 1 });
    await lifecycle.failed(ref, new Error('late'));
    expect(await taskOf(id)).toMatchObject({
      status: 'canceled',
      progress: 0,
      result: null,
      error: null,
    });
  });
});
