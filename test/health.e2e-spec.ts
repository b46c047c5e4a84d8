import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('health probes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports live and ready with Postgres and Redis up', async () => {
    const live = await t.http.get('/health/live').expect(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the legacy health routes with their exact bodies', async () => {
    expect((await t.http.get('/healthcheck/backend').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/healthcheck/db').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/base/health').expect(200)).body).toEqual({
      status: 'ok',
      postgres: 'ok',
      redis: 'ok',
    });
  });

  it('says hello with name, version and docs', async () => {
    const root = await t.http.get('/').expect(200);
    expect(root.body).toMatchObject({
      message: 'Hello World',
      name: 'ml-platform',
      docs: 'http://localhost:3000/docs',
    });
    expect(root.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('health probes with Redis down', () => {
  let t: TestApp;
  let redis: ChildProcess;

  beforeAll(async () => {
    const port = await findFreePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}/0` } });
  });
  afterAll(async () => {
    if (redis.exitCode === null) redis.kill('SIGKILL');
    await t.close();
  });

  it('keeps liveness up while readiness answers 503 naming redis', async () => {
    await t.http.get('/health/ready').expect(200);
    redis.kill('SIGKILL');
    await once(redis, 'exit');

    const ready = await eventually(async () => {
      const res = await t.http.get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expect(ready.body.message).toBe('Not ready: redis down');
    expect(ready.body.details.error).toHaveProperty('redis');
    expect(ready.body.details.info).toHaveProperty('postgres');
    await t.http.get('/health/live').expect(200);

    const legacy = await t.http.get('/base/health').expect(503);
    expect(legacy.body).toEqual({ status: 'error', postgres: 'ok', redis: 'error' });
    await t.http.get('/healthcheck/db').expect(200);
  });
});
