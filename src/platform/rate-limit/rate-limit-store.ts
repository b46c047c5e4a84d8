import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** One request counted: hits in the current window and when it ends; the caller's address' auth failures. */
export interface RateLimitCount {
  hits: number;
  resetMs: number;
  failures: number;
  failuresResetMs: number;
}

/**
 * KEYS[1]: the caller's counter for a route class; KEYS[2]: the caller's address' auth-failure counter.
 * ARGV[1]: window ms; ARGV[2]: '1' to read the failure counter; ARGV[3]: requests counted at once. Fixed windows:
 * a counter expires a window after its first hit. Atomic, shared by every replica.
 */
export const CONSUME_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[3])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local failures = 0
local failuresTtl = 0
if ARGV[2] == '1' then
  failures = tonumber(redis.call('GET', KEYS[2]) or '0')
  if failures > 0 then failuresTtl = redis.call('PTTL', KEYS[2]) end
end
return { hits, ttl, failures, failuresTtl }
`;

/** KEYS[1]: an address' auth-failure counter; ARGV[1]: window ms. */
export const RECORD_FAILURE_SCRIPT = `
local failures = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return failures
`;

/** The limiter's Redis connection, with the two scripts defined on it (see RateLimitModule). */
export type RateLimitRedis = Pick<Redis, 'quit' | 'disconnect'> & {
  rateLimitConsume(
    counterKey: string,
    failureKey: string,
    windowMs: number,
    readFailures: string,
    count: number,
  ): Promise<[number, number, number, number]>;
  rateLimitFailure(failureKey: string, windowMs: number): Promise<number>;
};
export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/** Called once a request has been counted, or with the error when Redis did not answer. */
export type CountCallback = (error: unknown, count?: RateLimitCount) => void;

interface Batch {
  counterKey: string;
  failureKey: string | null;
  windowMs: number;
  callbacks: CountCallback[];
}

/**
 * Rate-limit counters in Redis. Requests of one caller that arrive while that caller's count is on its way to Redis
 * are counted together by the next call (INCRBY n), and each gets its own position in the window: exact counts with
 * one round trip per caller in flight rather than per request. Callbacks rather than promises: this runs for every
 * request, inside the request's AsyncLocalStorage context, where each promise has a cost. A callback may run in
 * another request's async context (the round trip that counted it); the caller restores its own.
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly inFlight = new Set<string>();
  private readonly queued = new Map<string, Batch>();

  constructor(@Inject(RATE_LIMIT_REDIS) private readonly redis: RateLimitRedis) {}

  /** Counts a hit on `counterKey` (and reads `failureKey` when given), then calls `done`. */
  consume(
    counterKey: string,
    windowMs: number,
    failureKey: string | null,
    done: CountCallback,
  ): void {
    const id = failureKey === null ? counterKey : `${counterKey}\n${failureKey}`;
    const queued = this.queued.get(id);
    if (queued) {
      queued.callbacks.push(done);
      return;
    }
    const batch = { counterKey, failureKey, windowMs, callbacks: [done] };
    if (this.inFlight.has(id)) this.queued.set(id, batch);
    else this.send(id, batch);
  }

  async recordFailure(failureKey: string, windowMs: number): Promise<number> {
    return this.redis.rateLimitFailure(failureKey, windowMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private send(id: string, batch: Batch): void {
    this.inFlight.add(id);
    const n = batch.callbacks.length;
    const next = (): void => {
      this.inFlight.delete(id);
      const waiting = this.queued.get(id);
      if (!waiting) return;
      this.queued.delete(id);
      this.send(id, waiting);
    };
    this.redis
      .rateLimitConsume(
        batch.counterKey,
        batch.failureKey ?? batch.counterKey,
        batch.windowMs,
        batch.failureKey === null ? '0' : '1',
        n,
      )
      .then(
        ([hits, resetMs, failures, failuresResetMs]) => {
          next();
          batch.callbacks.forEach((done, i) =>
            done(null, { hits: hits - n + 1 + i, resetMs, failures, failuresResetMs }),
          );
        },
        (error: unknown) => {
          next();
          for (const done of batch.callbacks) done(error);
        },
      );
  }
}
