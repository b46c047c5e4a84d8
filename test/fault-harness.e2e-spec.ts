import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { assertInvariants, invariantViolations } from './support/fault/fault-invariants';
import { FaultStack } from './support/fault/fault-stack';
import { predictionCsv, startImport, taskReaches } from './support/fault/fault-work';
import { OwnedPostgres } from './support/fault/owned-postgres';
import { OwnedRedis } from './support/owned-redis';

/** The fault tests' own services and processes: each can be stopped, killed and started again. */
describe('fault harness: owned PostgreSQL, owned Redis, API and worker processes', () => {
  const disposables: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const d of disposables.reverse()) await d.dispose();
  });

  it('stops, kills and restarts its PostgreSQL on the same port, keeping the data', async () => {
    const postgres = await OwnedPostgres.start();
    disposables.push(postgres);
    expect(postgres.port).not.toBe(5432);
    await postgres.query('create table marks (n int)');
    await postgres.query('insert into marks values (1)');

    await postgres.stop();
    await expect(postgres.query('select 1')).rejects.toThrow();
    await postgres.restart();
    await postgres.query('insert into marks values (2)');

    await postgres.kill();
    await expect(postgres.query('select 1')).rejects.toThrow();
    await postgres.restart();
    expect(await postgres.query('select n from marks order by n')).toEqual([{ n: 1 }, { n: 2 }]);
  }, 90_000);

  it('restarts its Redis with its data when persistent, empty when not', async () => {
    for (const persistence of [true, false]) {
      const redis = await OwnedRedis.start({ persistence });
      disposables.push(redis);
      expect(redis.port).not.toBe(6379);
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await client.connect();
        await client.set('mark', 'kept');
        await redis.kill();
        await redis.restart();
        await redis.stop();
        await redis.restart();
        const after = new Redis(redis.url);
        expect(await after.get('mark')).toBe(persistence ? 'kept' : null);
        after.disconnect();
      } finally {
        client.disconnect();
      }
    }
  }, 30_000);

  it('runs API and worker over them: an import succeeds, a killed worker is replaced, invariants hold', async () => {
    const stack = await FaultStack.start();
    disposables.push(stack);
    await stack.http().get('/api/v1/users/me').set(stack.auth()).expect(200);
    expect(await stack.workerAlive()).toBe(true);

    const taskId = await startImport(stack, predictionCsv('HRN-', 50));
    expect(await taskReaches(stack, taskId, ['succeeded', 'failed'], 30_000)).toBe('succeeded');
    await assertInvariants(stack, {
      imports: [{ taskId, knrPrefix: 'HRN-', rows: 50 }],
      allEnded: true,
    });

    await stack.killWorker();
    expect(await invariantViolations(stack)).toEqual(['the worker is not alive (exit: SIGKILL)']);
    await stack.startWorker();
    await assertInvariants(stack);
  }, 120_000);
});
