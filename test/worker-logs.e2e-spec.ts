import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskQueue } from '../src/tasks/task-queue.service';
import {
  createTestApp,
  createTestDatabase,
  dropTestDatabase,
  eventually,
  inRequestContext,
  testEnvironmentVariables,
  type TestApp,
} from './support/test-app';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

type Line = Record<string, unknown>;

describe('worker process: JSON-only stdout, job start/finish lines, /metrics on the health port', () => {
  let t: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await spawnWorkerProcess({ ...t.variables, LOG_LEVEL: 'info' });
    await worker.ready();
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  const waitForTask = (id: string, status: string) =>
    eventually(async () => {
      const res = await t.http.get(`/api/v1/tasks/${id}`).set('x-api-key', t.adminKey);
      return res.body.status === status ? res.body : undefined;
    }, 30_000);
  const lines = (): Line[] =>
    worker
      .stdout()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Line);

  it('logs a JSON line when each job starts and ends, and nothing but JSON on stdout', async () => {
    const queued = await t.http
      .post('/api/v1/housekeeping')
      .set('x-api-key', t.adminKey)
      .send({ job: 'purge-api-keys', retentionDays: 30 })
      .expect(202);
    await waitForTask(queued.body.id, 'succeeded');
    const bad = await inRequestContext(t.app, () =>
      t.app
        .get(TaskQueue)
        .enqueue('housekeeping', 'no-such-job' as 'purge-api-keys', { retentionDays: 1 }),
    );
    await waitForTask(bad.id, 'failed');

    // Every line parses (JSON.parse throws otherwise), and carries pino's level and message.
    const all = await eventually(async () => {
      const parsed = lines();
      return parsed.some((l) => l.msg === 'job finished' && l.jobId === bad.id)
        ? parsed
        : undefined;
    });
    for (const line of all)
      expect(line).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });

    const ofJob = (id: string) => all.filter((l) => l.jobId === id);
    expect(ofJob(queued.body.id)).toEqual([
      expect.objectContaining({
        msg: 'job started',
        queue: 'housekeeping',
        job: 'purge-api-keys',
        taskId: queued.body.id,
        attempt: 1,
      }),
      expect.objectContaining({
        msg: 'job finished',
        queue: 'housekeeping',
        job: 'purge-api-keys',
        taskId: queued.body.id,
        attempt: 1,
        outcome: 'completed',
        durationMs: expect.any(Number),
      }),
    ]);
    expect(ofJob(bad.id)).toEqual([
      expect.objectContaining({ msg: 'job started', job: 'no-such-job', attempt: 1 }),
      expect.objectContaining({
        msg: 'job finished',
        job: 'no-such-job',
        outcome: 'failed',
        errorKind: 'permanent',
        error: 'No handler for job "no-such-job" on queue "housekeeping"',
      }),
    ]);
  });

  it('serves Prometheus metrics on its health port', async () => {
    const res = await fetch(`http://127.0.0.1:${worker.port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /^queue_job_duration_seconds_count\{queue="housekeeping",job="purge-api-keys",outcome="completed"\} 1$/m,
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status_code="200"\} \d/m,
    );
  });

  it('prints only JSON from start to stop at debug level, migrations on a fresh database included', async () => {
    const db = await createTestDatabase();
    const fresh = await spawnWorkerProcess(
      testEnvironmentVariables(db.url, db.prefix, { LOG_LEVEL: 'debug' }),
    );
    try {
      await fresh.ready();
    } finally {
      await fresh.stop();
      await dropTestDatabase(db.name, db.prefix);
    }
    const printed = fresh
      .stdout()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Line);
    expect(printed.some((l) => l.context === 'Migrations')).toBe(true);
    expect(printed.some((l) => l.level === 20)).toBe(true);
  }, 90_000);
});
