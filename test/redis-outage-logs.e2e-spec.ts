import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnedRedis } from './support/owned-redis';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  testEnvironmentVariables,
} from './support/test-app';
import { spawnWorkerProcess } from './support/worker-process';

describe('a Redis outage in the logs', () => {
  let db: { name: string; url: string; prefix: string };
  let redis: OwnedRedis | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await redis?.dispose();
    await dropTestDatabase(db.name, db.prefix);
  });

  it('is a few JSON lines (lost once, restored once), not hundreds of stack traces', async () => {
    redis = await OwnedRedis.start();
    const worker = await spawnWorkerProcess(
      testEnvironmentVariables(db.url, db.prefix, {
        REDIS_URL: redis.url,
        LOG_LEVEL: 'info',
      }),
    );
    try {
      await worker.ready();
      // Its start is over once its schedules are declared (on a busy machine that can follow readiness).
      await eventually(async () =>
        /job schedule\(s\) declared \(worker start\)/.test(worker.output()) ? true : undefined,
      );
      // The start on an empty database (migrations applied) is JSON too: no coloured migrator lines.
      const startLines = worker
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(startLines.filter((line) => !line.startsWith('{'))).toEqual([]);
      expect(startLines.some((line) => /applied Migration/.test(line))).toBe(true);
      const before = worker.output().length;
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      await redis.restart();
      await worker.ready();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const lines = worker
        .output()
        .slice(before)
        .split('\n')
        .filter((line) => line.trim() !== '');
      const notJson = lines.filter((line) => {
        try {
          JSON.parse(line);
          return false;
        } catch {
          return true;
        }
      });
      expect(
        notJson.slice(0, 5),
        `${notJson.length} of ${lines.length} lines are not JSON`,
      ).toEqual([]);
      const messages = lines.map((line) => JSON.parse(line) as { msg: string; redis?: string });
      const lost = messages.filter((m) => /redis connection lost/i.test(m.msg));
      const restored = messages.filter((m) => /redis connection restored/i.test(m.msg));
      expect(lost.length).toBeGreaterThan(0);
      // Once per connection and change, not once per reconnect attempt (the outage spans several).
      const names = (list: { redis?: string }[]) => list.map((m) => m.redis).sort();
      expect(names(lost)).toEqual([...new Set(names(lost))]);
      expect(names(restored)).toEqual(names(lost));
      // Besides those, the readiness probes the test sends and scheduled jobs that ran meanwhile, the outage adds
      // next to nothing (a retried schedule declaration or two).
      const others = messages.filter(
        (m) =>
          !lost.includes(m) &&
          !restored.includes(m) &&
          !/^Not ready/.test(m.msg) &&
          !/^job (started|finished)$/.test(m.msg),
      );
      expect(others.length, others.map((m) => m.msg).join('\n')).toBeLessThan(5);
    } finally {
      await worker.stop();
    }
  }, 120_000);
});
