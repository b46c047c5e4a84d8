import { createKeyv } from '@keyv/redis';
import { CacheModule } from '@nestjs/cache-manager';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';

/**
 * Nest's cache backed by Redis through Keyv and @keyv/redis (the maintained successor of cache-manager-redis-yet,
 * which only works with cache-manager 5). Keys live under `<REDIS_KEY_PREFIX>:cache:`.
 */
@Module({})
export class RedisCacheModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: RedisCacheModule,
      imports: [
        CacheModule.register({
          isGlobal: true,
          ttl: config.cache.ttlSeconds * 1000,
          stores: [
            createKeyv(config.redis.url, {
              namespace: `${config.redis.keyPrefix}:cache`,
              keyPrefixSeparator: ':',
            }),
          ],
        }),
      ],
    };
  }
}
