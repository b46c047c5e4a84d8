import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../src/tasks/queue-catalog';
import { createTestApp, type TestApp } from './support/test-app';

interface DashboardQueue {
  name: string;
  type: string;
  counts: Record<string, number>;
}

describe('queue dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lists every queue of the catalogue in the UI's API after an admin login", async () => {
    const api = `${t.config.queues.dashboardPath}/api/queues`;
    await t.http.get(api).expect(401);
    const byPassword = await t.http.get(api).auth('admin', 'admin-password-1').expect(200);
    const queues = byPassword.body.queues as DashboardQueue[];
    expect(queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    for (const queue of queues) {
      expect(queue.type).toBe('bullmq');
      expect(queue.counts).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    }
    const byKey = await t.http.get(api).auth('anyone', t.adminKey).expect(200);
    expect((byKey.body.queues as DashboardQueue[]).map((q) => q.name).sort()).toEqual(
      [...QUEUE_NAMES].sort(),
    );
  });
});
