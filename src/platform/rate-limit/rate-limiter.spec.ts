import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppConfig, validateEnvironment } from '../../config';
import { requestContext } from '../logging/request-context';
import { RateLimiter } from './rate-limiter';
import { RateLimitStore, type CountCallback, type RateLimitRedis } from './rate-limit-store';
import { RouteClassTable } from './route-class-table';

const config = new AppConfig(
  validateEnvironment({ DATABASE_URL: 'postgresql://u@h/db', RATE_LIMIT_DEFAULT: '2/1m' }),
);
const routes = new RouteClassTable([], { caseSensitive: false, strict: false });
const request = (id: string) =>
  ({
    id,
    url: '/api/v1/users/me',
    method: 'GET',
    headers: { 'x-api-key': 'k'.repeat(30) },
    socket: { remoteAddress: '10.0.0.1' },
  }) as unknown as IncomingMessage;
const response = () => {
  const headers: Record<string, unknown> = {};
  const res = {
    headers,
    statusCode: 200,
    headersSent: false,
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value),
    once: () => res,
    end: (text: string) => Object.assign(res, { body: JSON.parse(text) as unknown }),
  };
  return res as typeof res & { body?: Record<string, unknown> };
};

/** A limiter on a real store whose Redis answers each count when the test calls `answers[i](hits)`. */
const limiterAnsweredByTest = (env: Record<string, string>) => {
  const answers: ((hits: number) => void)[] = [];
  const redis = {
    rateLimitConsume: () =>
      new Promise((resolve) => answers.push((hits) => resolve([hits, 30_000, 0, 0]))),
  } as unknown as RateLimitRedis;
  const limiter = new RateLimiter(
    new RateLimitStore(redis),
    new AppConfig(validateEnvironment({ DATABASE_URL: 'postgresql://u@h/db', ...env })),
  ).middleware(routes);
  return { answers, limiter };
};

describe('RateLimiter', () => {
  it('answers each request in its own request context, though one round trip counted them all', async () => {
    const pending: [CountCallback, number][] = [];
    let hits = 0;
    const store = {
      consume: (_k: string, _w: number, _f: string | null, done: CountCallback) =>
        pending.push([done, ++hits]),
      estimate: () => null,
    } as unknown as RateLimitStore;
    const limiter = new RateLimiter(store, config).middleware(routes);
    const seen: (string | undefined)[] = [];
    const responses = ['a', 'b', 'c'].map((id) => {
      const res = response();
      requestContext.run({ requestId: id }, () =>
        limiter(request(id), res as unknown as ServerResponse, () =>
          seen.push(requestContext.getStore()?.requestId),
        ),
      );
      return res;
    });
    // The answers arrive together, in one unrelated context (as from another request's round trip).
    await requestContext.run({ requestId: 'other' }, async () => {
      for (const [done, n] of pending)
        done(null, { hits: n, resetMs: 30_000, failures: 0, failuresResetMs: 0 });
    });
    expect(seen).toEqual(['a', 'b']);
    expect(responses.map((r) => r.headers['ratelimit-remaining'])).toEqual([1, 0, 0]);
    expect(responses[2].statusCode).toBe(429);
    expect(responses[2].headers['retry-after']).toBe(30);
    expect(responses[2].body).toMatchObject({ statusCode: 429, requestId: 'c' });
  });

  it('lets requests through uncounted when Redis does not answer', () => {
    const store = {
      consume: (_k: string, _w: number, _f: string | null, done: CountCallback) =>
        done(new Error('Command timed out')),
      estimate: () => null,
    } as unknown as RateLimitStore;
    let passed = false;
    new RateLimiter(store, config).middleware(routes)(
      request('x'),
      response() as unknown as ServerResponse,
      () => (passed = true),
    );
    expect(passed).toBe(true);
  });

  it('lets a known caller through before Redis answers until the last tenth of its limit, then waits for each count', async () => {
    const { answers, limiter } = limiterAnsweredByTest({ RATE_LIMIT_DEFAULT: '20/1m' });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const send = () => {
      const res = response();
      const sent = { passed: false, res };
      limiter(request('r'), res as unknown as ServerResponse, () => (sent.passed = true));
      return sent;
    };

    const first = send(); // not heard of yet: waits
    expect(first.passed).toBe(false);
    answers[0](1);
    await tick();
    expect([first.passed, first.res.headers['ratelimit-remaining']]).toEqual([true, 19]);

    const second = send(); // known at 1: through at once, counted a little later
    expect([second.passed, second.res.headers['ratelimit-remaining']]).toEqual([true, 18]);
    expect(answers).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers).toHaveLength(1); // counts let through go out within 100 ms
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(answers).toHaveLength(2);
    answers[1](16); // other replicas have been busy
    await tick();
    const third = send(); // 16 < 18: still at once
    expect([third.passed, third.res.headers['ratelimit-remaining']]).toEqual([true, 3]);
    const fourth = send(); // 16 + 1 on the way = 17 < 18: at once
    expect(fourth.passed).toBe(true);
    const fifth = send(); // 18: the last tenth, waits for its count, sent at once with the other two
    expect([fifth.passed, answers.length]).toEqual([false, 3]);
    answers[2](23); // the third was already over the limit: refused, and the caller blocked
    await tick();
    expect([fifth.passed, fifth.res.statusCode]).toEqual([false, 429]);
    const sixth = send(); // answered from memory
    expect([sixth.passed, sixth.res.statusCode, answers.length]).toEqual([false, 429, 3]);
  });

  it('waits for every count with RATE_LIMIT_WAIT_PERCENT=100', async () => {
    const { answers, limiter } = limiterAnsweredByTest({
      RATE_LIMIT_DEFAULT: '20/1m',
      RATE_LIMIT_WAIT_PERCENT: '100',
    });
    let passed = 0;
    limiter(request('r'), response() as unknown as ServerResponse, () => passed++);
    answers[0](1);
    await new Promise((resolve) => setImmediate(resolve));
    limiter(request('r'), response() as unknown as ServerResponse, () => passed++);
    expect(passed).toBe(1);
  });
});
