import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppConfig, validateEnvironment } from '../../config';
import { requestContext } from '../logging/request-context';
import { RateLimiter } from './rate-limiter';
import type { CountCallback, RateLimitStore } from './rate-limit-store';
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

describe('RateLimiter', () => {
  it('answers each request in its own request context, though one round trip counted them all', async () => {
    const pending: [CountCallback, number][] = [];
    let hits = 0;
    const store = {
      consume: (_k: string, _w: number, _f: string | null, done: CountCallback) =>
        pending.push([done, ++hits]),
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
    } as unknown as RateLimitStore;
    let passed = false;
    new RateLimiter(store, config).middleware(routes)(
      request('x'),
      response() as unknown as ServerResponse,
      () => (passed = true),
    );
    expect(passed).toBe(true);
  });
});
