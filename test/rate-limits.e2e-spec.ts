import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, validateEnvironment } from '../src/config';
import { ApiKeysService } from '../src/users/api-keys.service';
import { UsersService } from '../src/users/users.service';
import { UserRole } from '../src/common/auth/user-role';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

const SCORE = { feature1: 71.5, feature2: 4.2, feature3: -1.8 };
let addresses = 0;
/** A client address of its own (the API trusts one proxy: the last X-Forwarded-For entry is the client). */
const newAddress = (): string => `203.0.113.${++addresses}`;
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const expectRefused = (res: request.Response, limit: number): void => {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    statusCode: 429,
    error: 'Too Many Requests',
    message: expect.stringMatching(/retry in \d+ s/),
    requestId: expect.any(String),
  });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
};

describe('rate limits (two API replicas on one Redis, every request waiting for its count)', () => {
  let t: TestApp;
  let replica: { http: TestAgent; close(): Promise<void> };

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_DEFAULT: '5/1m',
        RATE_LIMIT_INFERENCE: '3/1m',
        RATE_LIMIT_AUTH_FAILURE: '3/1m',
        RATE_LIMIT_WAIT_PERCENT: '100',
      },
    });
    const app = await createApp(new AppConfig(validateEnvironment(t.variables), 'api'));
    await app.init();
    replica = { http: request(app.getHttpServer()), close: () => app.close() };
  }, 60_000);

  let users = 0;
  /** A viewer's API key, made without the API (whose admin calls would count against the small limits). */
  const newKey = (): Promise<string> =>
    inRequestContext(t.app, async () => {
      const user = await t.app
        .get(UsersService)
        .create({ username: `limited-${++users}`, role: UserRole.Viewer });
      return (await t.app.get(ApiKeysService).issue({ ownerId: user.id, name: 'test' })).key;
    });

  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it('counts each API key separately, across replicas, and answers 429 with the RateLimit headers', async () => {
    const [alice, bob] = [await newKey(), await newKey()];
    const me = (http: TestAgent, key: string) =>
      http.get('/api/v1/users/me').set('x-api-key', key).set('x-forwarded-for', newAddress());

    const remaining: string[] = [];
    for (const http of [t.http, replica.http, t.http, replica.http, t.http]) {
      const res = await me(http, alice);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      remaining.push(res.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    expectRefused(await me(replica.http, alice), 5);
    expectRefused(await me(t.http, alice), 5);

    const other = await me(replica.http, bob);
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('4');
  });

  it('admits exactly the limit out of a concurrent burst on two replicas', async () => {
    const erin = await newKey();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? t.http : replica.http)
          .post('/api/v1/predictions/score')
          .set('x-api-key', erin)
          .send(SCORE),
      ),
    );
    const statuses = burst.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 200, 200, ...Array(9).fill(429)]);
    const remaining = burst
      .filter((res) => res.status === 200)
      .map((r) => r.headers['ratelimit-remaining']);
    expect(remaining.sort()).toEqual(['0', '1', '2']);
  });

  it('limits a lean route with its own class, and the Express routes of the same key separately', async () => {
    const carol = await newKey();
    const score = (http: TestAgent) =>
      http.post('/api/v1/predictions/score').set('x-api-key', carol).send(SCORE);
    for (const http of [t.http, replica.http, t.http]) {
      const res = await score(http);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
    }
    const refused = await score(replica.http);
    expectRefused(refused, 3);
    expect(refused.headers['x-request-id']).toBe(refused.body.requestId);

    const me = await t.http.get('/api/v1/users/me').set('x-api-key', carol);
    expect(me.status).toBe(200);
    expect(me.headers['ratelimit-limit']).toBe('5');
  });

  it('limits callers without a key by address, and never limits health probes', async () => {
    const address = newAddress();
    for (let i = 0; i < 5; i++)
      expect((await t.http.get('/').set('x-forwarded-for', address)).status).toBe(200);
    expectRefused(await replica.http.get('/').set('x-forwarded-for', address), 5);
    const probe = await t.http.get('/health/live').set('x-forwarded-for', address);
    expect(probe.status).toBe(200);
    expect(probe.headers['ratelimit-limit']).toBeUndefined();
    expect((await t.http.get('/').set('x-forwarded-for', newAddress())).status).toBe(200);
  });

  it('refuses an address after too many bad API keys (lean routes too), before checking the next key', async () => {
    const address = newAddress();
    const dave = await newKey();
    const wrong = `mlp_wrong_${'x'.repeat(30)}`;
    for (const call of [
      () => t.http.get('/api/v1/users/me'),
      () => replica.http.get('/api/v1/users/me'),
      () => t.http.post('/api/v1/predictions/score').send(SCORE),
    ]) {
      const res = await call().set('x-api-key', wrong).set('x-forwarded-for', address);
      expect(res.status).toBe(401);
    }
    // The address is over RATE_LIMIT_AUTH_FAILURE: even a valid key is refused without being looked at.
    const refused = await t.http
      .get('/api/v1/users/me')
      .set('x-api-key', dave)
      .set('x-forwarded-for', address);
    expectRefused(refused, 3);
    expect(refused.body.message).toMatch(/failed authentications/);
    expectRefused(
      await replica.http
        .post('/api/v1/predictions/score')
        .set('x-api-key', dave)
        .set('x-forwarded-for', address)
        .send(SCORE),
      3,
    );
    // Requests without credentials from that address, and the key from elsewhere, still work.
    expect((await t.http.get('/').set('x-forwarded-for', address)).status).toBe(200);
    const elsewhere = await t.http
      .get('/api/v1/users/me')
      .set('x-api-key', dave)
      .set('x-forwarded-for', newAddress());
    expect(elsewhere.status).toBe(200);
  });

  it('refuses an address after too many bad queue-dashboard logins, before checking the password', async () => {
    const address = newAddress();
    const dashboard = (http: TestAgent, authorization: string) =>
      http.get('/admin/queues').set('authorization', authorization).set('x-forwarded-for', address);
    for (const http of [t.http, t.http, t.http]) {
      expect((await dashboard(http, basic('admin', 'not-the-password'))).status).toBe(401);
    }
    const refused = await dashboard(t.http, basic('admin', 'admin-password-1'));
    expectRefused(refused, 3);
    const elsewhere = await t.http
      .get('/admin/queues')
      .set('authorization', basic('admin', 'admin-password-1'))
      .set('x-forwarded-for', newAddress());
    expect(elsewhere.status).toBe(200);
  });
});

describe('rate limits (callers let through before Redis answers, by default)', () => {
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_DEFAULT: '20/1m' } });
    redis = new Redis(t.variables.REDIS_URL);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  it('still counts every request in Redis and refuses exactly past the limit within one replica', async () => {
    const key = await inRequestContext(t.app, async () => {
      const user = await t.app
        .get(UsersService)
        .create({ username: 'early-admitted', role: UserRole.Viewer });
      return (await t.app.get(ApiKeysService).issue({ ownerId: user.id, name: 'test' })).key;
    });
    const me = () => t.http.get('/api/v1/users/me').set('x-api-key', key);
    const remaining: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await me();
      expect(res.status).toBe(200);
      remaining.push(res.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => String(19 - i)));
    expectRefused(await me(), 20);

    const digest = createHash('sha256').update(key).digest('base64url').slice(0, 24);
    const counter = `${t.variables.REDIS_KEY_PREFIX}:ratelimit:default:key:${digest}`;
    await expect.poll(() => redis.get(counter)).toBe('21');
  });
});
