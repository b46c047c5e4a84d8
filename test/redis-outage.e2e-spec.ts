import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Job } from '../src/jobs/entities/job.entity';
import { SeedRunner } from '../src/seeding/seed-runner';
import { QueueRegistry } from '../src/tasks/queue-registry';
import { OwnedRedis } from './support/owned-redis';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

const CSV =
  'knr,date,feature1,feature2,feature3,real_result\nOUT-1,2026-08-01T10:00:00Z,55,1.5,-2,1\n';

/** A client that gives up after 10 s, so a hanging request fails the test instead of waiting with it. */
const timed = async <T>(request: PromiseLike<T>): Promise<{ res: T; ms: number }> => {
  const started = Date.now();
  const res = await Promise.race([
    Promise.resolve(request),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung for 10 s')), 10_000)),
  ]);
  return { res, ms: Date.now() - started };
};

describe('queue-backed requests during a Redis outage (API on a test-owned redis-server)', () => {
  let redis: OwnedRedis;
  let t: TestApp;
  let storageDir: string;
  const auth = () => ({ 'x-api-key': t.adminKey });
  const upload = () =>
    t.http.post('/api/v1/predictions/import').set(auth()).attach('file', Buffer.from(CSV), 'a.csv');
  /** Tasks still queued or running whose job is not in the queue (Redis is up again when this is asked). */
  const openTasksWithoutJob = async () => {
    const tasks = (await t.http.get('/api/v1/tasks?limit=100').set(auth()).expect(200)).body.items;
    const queue = t.app.get(QueueRegistry).get('predictions');
    const orphans: string[] = [];
    for (const task of tasks as { id: string; status: string }[])
      if (['queued', 'running'].includes(task.status) && !(await queue.getJob(task.id)))
        orphans.push(task.id);
    return orphans;
  };

  beforeAll(async () => {
    redis = await OwnedRedis.start();
    storageDir = mkdtempSync(join(tmpdir(), 'redis-outage-'));
    t = await createTestApp({
      env: {
        REDIS_URL: redis.url,
        STORAGE_LOCAL_DIR: storageDir,
        QUEUE_ENQUEUE_TIMEOUT_MS: '1500',
      },
    });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('catalog'));
  });
  afterAll(async () => {
    await t?.close();
    await redis?.dispose();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const expectFastUnavailable = async () => {
    const { res: post, ms } = await timed(upload());
    expect(post.status).toBe(503);
    expect(post.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'queue unavailable, try again',
    });
    expect(post.body.requestId).toEqual(expect.any(String));
    expect(ms).toBeLessThan(5000);
    const failed = await t.http.get('/api/v1/tasks?status=failed&limit=100').set(auth());
    expect(failed.body.items[0]).toMatchObject({ error: 'Could not enqueue: queue unavailable' });

    const queues = await timed(t.http.get('/api/v1/queues').set(auth()));
    expect(queues.res.status).toBe(503);
    expect(queues.ms).toBeLessThan(5000);
    const ready = await timed(t.http.get('/health/ready'));
    expect(ready.res.status).toBe(503);
    expect(ready.res.body.message).toContain('redis');
    return failed.body.items[0].id as string;
  };

  const expectEnqueueingBack = async () => {
    await eventually(async () => ((await t.http.get('/health/ready')).ok ? true : undefined));
    // Ready means usable: the very next enqueue works.
    const accepted = await upload().expect(202);
    expect(accepted.body.status).toBe('queued');
    const job = await t.app.get(QueueRegistry).get('predictions').getJob(accepted.body.id);
    expect(job?.name).toBe('import-csv');
  };

  it('answers 503 at once while Redis refuses connections, and queues again once it is back', async () => {
    await redis.kill();
    await expectFastUnavailable();

    const { res: created, ms } = await timed(
      t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'dreamfusion-sd', prompt: 'a vase' }),
    );
    expect(created.status).toBe(503);
    expect(created.body.message).toBe('queue unavailable, try again');
    expect(ms).toBeLessThan(5000);
    const jobs = await inRequestContext(t.app, () => t.app.get(EntityManager).find(Job, {}));
    expect(jobs.map((job) => [job.status, job.error])).toEqual([
      ['FAILED', 'Could not enqueue: queue unavailable'],
    ]);

    await redis.restart();
    await expectEnqueueingBack();
    expect(await openTasksWithoutJob()).toEqual([]);
  });

  it('answers 503 within the timeout while Redis hangs, and leaves no job behind for the failed task', async () => {
    redis.freeze();
    try {
      const failedId = await expectFastUnavailable();
      redis.thaw();
      await expectEnqueueingBack();
      // The add Redis performed after it came back was removed again: the failed task has no queue job.
      await eventually(async () =>
        (await t.app.get(QueueRegistry).get('predictions').getJob(failedId)) ? undefined : true,
      );
      expect(await openTasksWithoutJob()).toEqual([]);
    } finally {
      redis.thaw();
    }
  });
});

describe('job schedules on a worker (test-owned redis-server)', () => {
  let redis: OwnedRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnedRedis.start();
    t = await createTestApp({ role: 'worker', env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.dispose();
  });

  const schedulerIds = async () =>
    (await t.app.get(QueueRegistry).get('housekeeping').getJobSchedulers())
      .map((s) => s.key)
      .sort();

  it('declares the housekeeping schedules at start and again after Redis lost its data', async () => {
    const expected = ['nightly-purge-api-keys', 'nightly-purge-task-records'];
    expect(await schedulerIds()).toEqual(expected);

    await redis.kill();
    await redis.restart(); // no persistence: every key is gone
    const back = await eventually(async () => {
      const ids = await schedulerIds().catch(() => []);
      return ids.length === expected.length ? ids : undefined;
    }, 10_000);
    expect(back).toEqual(expected);
  });
});
