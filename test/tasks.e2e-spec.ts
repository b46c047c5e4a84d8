import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskQueue } from '../src/tasks/task-queue.service';
import { ApiKeysService } from '../src/users/api-keys.service';
import { ApiKey } from '../src/users/entities/api-key.entity';
import { waitForTask } from './support/polling';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

describe('queues and task records (API and worker in one process)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ role: 'all' });
  });
  afterAll(() => t.close());

  const waitForStatus = (id: string, statuses: string[]) =>
    eventually(async () => {
      const res = await t.http.get(`/api/v1/tasks/${id}`).set('x-api-key', t.adminKey).expect(200);
      return statuses.includes(res.body.status) ? res.body : undefined;
    });

  it('runs a housekeeping job through a real worker and records its life', async () => {
    const em = t.app.get(EntityManager).fork();
    const me = await t.http.get('/api/v1/users/me').set('x-api-key', t.adminKey).expect(200);
    const issue = (name: string) =>
      inRequestContext(t.app, () => t.app.get(ApiKeysService).issue({ ownerId: me.body.id, name }));
    const { apiKey } = await issue('old revoked');
    await em.nativeUpdate(
      ApiKey,
      { id: apiKey.id },
      { revokedAt: new Date(Date.now() - 90 * 86_400_000) },
    );
    const { apiKey: fresh } = await issue('fresh');
    await em.nativeUpdate(ApiKey, { id: fresh.id }, { revokedAt: new Date() });

    const queued = await t.http
      .post('/api/v1/housekeeping')
      .set('x-api-key', t.adminKey)
      .send({ job: 'purge-api-keys', retentionDays: 30 })
      .expect(202);
    expect(queued.body).toMatchObject({
      queue: 'housekeeping',
      name: 'purge-api-keys',
      status: 'queued',
      progress: 0,
    });

    const done = await waitForStatus(queued.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      result: { deleted: 1 },
      attempts: 1,
      error: null,
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(await em.count(ApiKey, { id: apiKey.id })).toBe(0);
    expect(await em.count(ApiKey, { id: fresh.id })).toBe(1);

    const listed = await t.http
      .get('/api/v1/tasks?queue=housekeeping&status=succeeded')
      .set('x-api-key', t.adminKey)
      .expect(200);
    expect(listed.body.items.map((task: { id: string }) => task.id)).toContain(queued.body.id);
  });

  it('records a failure after its attempts with a readable error, and retries it on request', async () => {
    const taskQueue = t.app.get(TaskQueue);
    // A job name the catalogue does not declare: the processor refuses it as unrecoverable.
    const task = await inRequestContext(t.app, () =>
      taskQueue.enqueue('housekeeping', 'no-such-job' as 'purge-api-keys', { retentionDays: 1 }),
    );
    const failed = await waitForStatus(task.id, ['failed']);
    expect(failed.error).toBe('No handler for job "no-such-job" on queue "housekeeping"');
    expect(failed.finishedAt).not.toBeNull();

    const retried = await t.http
      .post(`/api/v1/tasks/${task.id}/retry`)
      .set('x-api-key', t.adminKey)
      .expect(202);
    expect(retried.body.status).toBe('queued');
    const failedAgain = await waitForStatus(task.id, ['failed']);
    expect(failedAgain.error).toContain('No handler');

    const ok = await t.http
      .post('/api/v1/housekeeping')
      .set('x-api-key', t.adminKey)
      .send({ job: 'purge-task-records' });
    await waitForStatus(ok.body.id, ['succeeded']);
    const conflict = await t.http
      .post(`/api/v1/tasks/${ok.body.id}/retry`)
      .set('x-api-key', t.adminKey)
      .expect(409);
    expect(conflict.body.message).toContain('succeeded');
  });

  it('retries a failing attempt with backoff before giving up', async () => {
    const apiKeys = t.app.get(ApiKeysService);
    const original = apiKeys.purgeStale.bind(apiKeys);
    let calls = 0;
    apiKeys.purgeStale = async (days: number) => {
      calls += 1;
      if (calls < 2) throw new Error('database briefly unavailable');
      return original(days);
    };
    try {
      const queued = await t.http
        .post('/api/v1/housekeeping')
        .set('x-api-key', t.adminKey)
        .send({ job: 'purge-api-keys' });
      const done = await waitForStatus(queued.body.id, ['succeeded', 'failed']);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    } finally {
      apiKeys.purgeStale = original;
    }
  });

  it('fails a data error at once with a readable reason, and waits out a connection error', async () => {
    const apiKeys = t.app.get(ApiKeysService);
    const original = apiKeys.purgeStale.bind(apiKeys);
    const run = async (error: Error) => {
      let calls = 0;
      apiKeys.purgeStale = async (days: number) => {
        if (calls++ === 0) throw error;
        return original(days);
      };
      const queued = await t.http
        .post('/api/v1/housekeeping')
        .set('x-api-key', t.adminKey)
        .send({ job: 'purge-api-keys' });
      return waitForStatus(queued.body.id, ['succeeded', 'failed']);
    };
    try {
      const overflow = Object.assign(
        new Error(
          'insert into "api_keys" ("name") values (\'secret-name\') - date/time field value out of range',
        ),
        { code: '22008' },
      );
      expect(await run(overflow)).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: 'database error (22008 datetime field overflow)',
      });
      const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      });
      expect(await run(down)).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    } finally {
      apiKeys.purgeStale = original;
    }
  });

  it('runs as many jobs at once as QUEUE_CONCURRENCY allows', async () => {
    expect(t.config.queues.concurrency).toBe(2);
    // Every job holds its slot for a while and counts the jobs running beside it: with four queued at once,
    // a worker that ran them one by one would see 1, one that ignored the limit up to 4.
    const apiKeys = t.app.get(ApiKeysService);
    const original = apiKeys.purgeStale.bind(apiKeys);
    let running = 0;
    let mostAtOnce = 0;
    apiKeys.purgeStale = async (days: number) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 600));
      running -= 1;
      return original(days);
    };
    try {
      const queued = await Promise.all(
        [1, 2, 3, 4].map(() =>
          t.http
            .post('/api/v1/housekeeping')
            .set('x-api-key', t.adminKey)
            .send({ job: 'purge-api-keys' })
            .expect(202),
        ),
      );
      for (const res of queued)
        expect(await waitForTask(t, res.body.id)).toMatchObject({ status: 'succeeded' });
    } finally {
      apiKeys.purgeStale = original;
    }
    expect(mostAtOnce).toBe(t.config.queues.concurrency);
  });

  it('shows queues with counts and connected workers', async () => {
    for (const job of ['purge-api-keys', 'purge-task-records']) {
      const queued = await t.http
        .post('/api/v1/housekeeping')
        .set('x-api-key', t.adminKey)
        .send({ job })
        .expect(202);
      await waitForTask(t, queued.body.id, ['succeeded']);
    }
    const res = await t.http.get('/api/v1/queues').set('x-api-key', t.adminKey).expect(200);
    const housekeeping = res.body.find((q: { name: string }) => q.name === 'housekeeping');
    expect(housekeeping.runBy).toBe('worker');
    expect(housekeeping.workers).toBeGreaterThanOrEqual(1);
    expect(housekeeping.counts.completed).toBeGreaterThanOrEqual(2);
    expect(housekeeping.counts.delayed).toBe(2);
  });

  it('lets users see only their own tasks', async () => {
    const viewer = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'someone' })
      .expect(201);
    const key = await t.http
      .post('/api/v1/api-keys')
      .set('x-api-key', t.adminKey)
      .send({ name: 'k', userId: viewer.body.id })
      .expect(201);
    const own = await t.http.get('/api/v1/tasks').set('x-api-key', key.body.key).expect(200);
    expect(own.body.total).toBe(0);
    const all = await t.http.get('/api/v1/tasks').set('x-api-key', t.adminKey).expect(200);
    await t.http
      .get(`/api/v1/tasks/${all.body.items[0].id}`)
      .set('x-api-key', key.body.key)
      .expect(403);
    await t.http
      .post('/api/v1/housekeeping')
      .set('x-api-key', key.body.key)
      .send({ job: 'purge-api-keys' })
      .expect(403);
  });
});
