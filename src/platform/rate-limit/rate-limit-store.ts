import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../redis/redis.module';

/** One request counted: hits in the current window and when it ends; the caller's address' auth failures. */
export interface RateLimitCount {
  hits: number;
  resetMs: number;
  failures: number;
  failuresResetMs: number;
}

/**
 * KEYS[1]: the caller's counter for a route class; KEYS[2]: the caller's address' auth-failure counter.
 * ARGV[1]: window ms; ARGV[2]: '1' to read the failure counter. Fixed windows: a counter expires a window after
 * its first hit. One round trip, atomic, shared by every replica.
 */
const CONSUME = `
local hits = redis.call('INCR', KEYS[1])
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
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return failures
`;

type ScriptedRedis = Redis & {
  rateLimitConsume(
    counter: string,
    failures: string,
    windowMs: number,
    readFailures: string,
  ): Promise<[number, number, number, number]>;
  rateLimitFailure(counter: string, windowMs: number): Promise<number>;
};

/** Rate-limit counters in Redis (the platform's shared ioredis connection; scripts run by EVALSHA). */
@Injectable()
export class RateLimitStore {
  private readonly redis: ScriptedRedis;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    redis.defineCommand('rateLimitConsume', { numberOfKeys: 2, lua: CONSUME });
    redis.defineCommand('rateLimitFailure', { numberOfKeys: 1, lua: RECORD_FAILURE });
    this.redis = redis as ScriptedRedis;
  }

  /** Counts a hit on `counterKey`; reads `failureKey` too when given. */
  async consume(
    counterKey: string,
    windowMs: number,
    failureKey: string | null,
  ): Promise<RateLimitCount> {
    const [hits, resetMs, failures, failuresResetMs] = await this.redis.rateLimitConsume(
      counterKey,
      failureKey ?? counterKey,
      windowMs,
      failureKey ? '1' : '0',
    );
    return { hits, resetMs, failures, failuresResetMs };
  }

  async recordFailure(failureKey: string, windowMs: number): Promise<number> {
    return this.redis.rateLimitFailure(failureKey, windowMs);
  }
}
