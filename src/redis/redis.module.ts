import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
import { ROOT_LOGGER } from '../platform/logging/logging.module';
import { redisOptionsOf } from './redis-connection';
import { ObservedRedis } from './redis-connection-log';
import { QueueConnectionLogging } from './queue-connection-logging';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** A shared ioredis client for health checks and small commands (BullMQ and the cache keep their own connections). */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    QueueConnectionLogging,
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig, ROOT_LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        new ObservedRedis(
          {
            ...redisOptionsOf(config.redis),
            maxRetriesPerRequest: 1,
            enableOfflineQueue: false,
            lazyConnect: false,
          },
          'shared',
          logger,
        ),
    },
  ],
  exports: [REDIS_CLIENT, QueueConnectionLogging],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
