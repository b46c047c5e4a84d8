import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../../config';
import { redisOptionsOf } from '../../redis/redis-connection';
import { ObservedRedis } from '../../redis/redis-connection-log';
import { ROOT_LOGGER } from '../logging/logging.module';
import {
  CONSUME_SCRIPT,
  RATE_LIMIT_REDIS,
  RateLimitStore,
  RECORD_FAILURE_SCRIPT,
  type RateLimitRedis,
} from './rate-limit-store';
import { RateLimiter } from './rate-limiter';

/** Longest wait for Redis before a request goes through uncounted (the limiter fails open). */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 250;

/**
 * The API's rate limiter (README "Rate limits"); installed in the HTTP pipeline by `installHttpPipeline`. Its Redis
 * connection is its own, like BullMQ's and the cache's: it fails fast (no offline queue, no retries, a command
 * timeout) so that the limiter lets requests through while Redis is away; scripts run by EVALSHA.
 */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_REDIS,
      inject: [AppConfig, ROOT_LOGGER],
      useFactory: (config: AppConfig, logger: Logger): RateLimitRedis => {
        const redis = new ObservedRedis(
          {
            ...redisOptionsOf(config.redis),
            enableOfflineQueue: false,
            maxRetriesPerRequest: 0,
            commandTimeout: RATE_LIMIT_REDIS_TIMEOUT_MS,
          },
          'rate limiter',
          logger,
        );
        redis.defineCommand('rateLimitConsume', { numberOfKeys: 2, lua: CONSUME_SCRIPT });
        redis.defineCommand('rateLimitFailure', { numberOfKeys: 1, lua: RECORD_FAILURE_SCRIPT });
        return redis as unknown as RateLimitRedis;
      },
    },
    RateLimitStore,
    RateLimiter,
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
