import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ExpiringLru } from '../../common/cache/expiring-lru';

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

/** Callers whose last count is remembered, at most (each until its window ends). */
const MAX_HEARD = 10_000;

interface Heard {
  hits: number;
  resetAt: number;
  failures: number;
  failuresResetAt: number;
}

interface Batch {
  counterKey: string;
  failureKey: string | null;
  windowMs: number;
  callbacks: CountCallback[];
  /** Set while the batch waits to be sent later (`consume`'s `laterMs`). */
  timer?: NodeJS.Timeout;
}

/**
 * Rate-limit counters in Redis. Requests of one caller that arrive while that caller's count is on its way to Redis
 * are counted together by the next call (INCRBY n), and each gets its own position in the window: exact counts with
 * one round trip per caller in flight rather than per request. Callbacks rather than promises: this runs for every
 * request, inside the request's AsyncLocalStorage context, where each promise has a cost. A callback may run in
 * another request's async context (the round trip that counted it); the caller restores its own. The last count Redis
 * gave each caller is remembered until its window ends, so `estimate` can say where the caller stands without a
 * round trip (that count plus the caller's requests on their way). Counts nobody waits for may be sent a little later,
 * together with the caller's next ones.
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly inFlight = new Set<string>();
  private readonly queued = new Map<string, Batch>();
  private readonly heard = new ExpiringLru<Heard>({ maxWeight: MAX_HEARD, ttlMs: 60_000 });
  private readonly unanswered = new Map<string, number>();

  constructor(@Inject(RATE_LIMIT_REDIS) private readonly redis: RateLimitRedis) {}

  /**
   * Counts a hit on `counterKey` (and reads `failureKey` when given), then calls `done`. With `laterMs`, a count
   * nobody waits for: sent within that time, with whatever else of the caller's arrives meanwhile, unless a count
   * that is waited for comes first.
   */
  consume(
    counterKey: string,
    windowMs: number,
    failureKey: string | null,
    done: CountCallback,
    laterMs = 0,
  ): void {
    const id = idOf(counterKey, failureKey);
    this.unanswered.set(id, (this.unanswered.get(id) ?? 0) + 1);
    const queued = this.queued.get(id);
    if (queued) {
      queued.callbacks.push(done);
      if (queued.timer && laterMs === 0) this.sendQueued(id);
      return;
    }
    const batch: Batch = { counterKey, failureKey, windowMs, callbacks: [done] };
    if (this.inFlight.has(id)) this.queued.set(id, batch);
    else if (laterMs === 0) this.send(id, batch);
    else {
      batch.timer = setTimeout(() => this.sendQueued(id), laterMs).unref();
      this.queued.set(id, batch);
    }
  }

  /**
   * The caller's count as this process knows it without asking Redis: the last count Redis gave (while its window
   * lasts) plus the caller's requests counted here since and not yet answered; null when nothing is known. Other
   * replicas' requests since that answer are not in it.
   */
  estimate(counterKey: string, failureKey: string | null): RateLimitCount | null {
    const id = idOf(counterKey, failureKey);
    const heard = this.heard.get(id);
    if (!heard) return null;
    const now = Date.now();
    return {
      hits: heard.hits + (this.unanswered.get(id) ?? 0),
      resetMs: heard.resetAt - now,
      failures: heard.failures,
      failuresResetMs: heard.failuresResetAt - now,
    };
  }

  async recordFailure(failureKey: string, windowMs: number): Promise<number> {
    return this.redis.rateLimitFailure(failureKey, windowMs);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const [id, batch] of this.queued) if (batch.timer) this.sendQueued(id);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Sends the caller's queued batch now, unless its count is in flight (then it goes when that one is answered). */
  private sendQueued(id: string): void {
    const batch = this.queued.get(id);
    if (!batch || this.inFlight.has(id)) return;
    this.queued.delete(id);
    this.send(id, batch);
  }

  private send(id: string, batch: Batch): void {
    clearTimeout(batch.timer);
    batch.timer = undefined;
    this.inFlight.add(id);
    const n = batch.callbacks.length;
    const next = (): void => {
      const left = (this.unanswered.get(id) ?? n) - n;
      if (left > 0) this.unanswered.set(id, left);
      else this.unanswered.delete(id);
      this.inFlight.delete(id);
      this.sendQueued(id);
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
          const now = Date.now();
          const heard = {
            hits,
            resetAt: now + resetMs,
            failures,
            failuresResetAt: now + failuresResetMs,
          };
          this.heard.set(id, heard, resetMs);
          next();
          batch.callbacks.forEach((done, i) =>
            done(null, { hits: hits - n + 1 + i, resetMs, failures, failuresResetMs }),
          );
        },
        (error: unknown) => {
          this.heard.delete(id);
          next();
          for (const done of batch.callbacks) done(error);
        },
      );
  }
}

const idOf = (counterKey: string, failureKey: string | null): string =>
  failureKey === null ? counterKey : `${counterKey}\n${failureKey}`;
