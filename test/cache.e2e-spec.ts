import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';

describe('Redis cache (Keyv + @keyv/redis through @nestjs/cache-manager)', () => {
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ env: { CACHE_TTL_SECONDS: '120' } });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  it('stores entries in Redis under the configured prefix, with the default TTL', async () => {
    const cache = t.app.get<Cache>(CACHE_MANAGER);
    await cache.set('answer', { value: 42 });
    expect(await cache.get('answer')).toEqual({ value: 42 });

    const keys = await redis.keys(`${t.config.redis.keyPrefix}:cache:*`);
    expect(keys).toEqual([`${t.config.redis.keyPrefix}:cache:answer`]);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(100_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('honours a per-entry TTL and deletion', async () => {
    const cache = t.app.get<Cache>(CACHE_MANAGER);
    await cache.set('short', 'lived', 1_000);
    expect(await redis.pttl(`${t.config.redis.keyPrefix}:cache:short`)).toBeLessThanOrEqual(1_000);
    await cache.del('short');
    expect(await cache.get('short')).toBeUndefined();
    expect(await redis.exists(`${t.config.redis.keyPrefix}:cache:short`)).toBe(0);
  });
});
