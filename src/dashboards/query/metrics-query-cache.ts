import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId } from '@app/database';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../../common/async/within-timeout';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import type { ResolvedRange } from './metrics-range';

/** A cache lookup: the entry's key (written after a miss) and what was stored under it, if anything. */
export interface CacheLookup {
  key: string;
  hit: string | null;
}

/** Redis answers within this or the query runs uncached (a slow or absent Redis never fails a query). */
const REDIS_TIMEOUT_MS = 250;

/**
 * Query results in Redis, keyed by dashboard, its data generation, resolved range and bucket. Ingesting points for
 * a dashboard gives it a new generation, so every cached result of it is passed over from then on (and expires);
 * a result computed while points were being written is stored under the generation read before the query, so it
 * can never shadow the new points. Keys live under `<REDIS_KEY_PREFIX>:cache:dashboards:`.
 */
@Injectable()
export class MetricsQueryCache {
  private readonly logger = new Logger(MetricsQueryCache.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}:cache:dashboards`;
  }

  async lookup(dashboardId: string, range: ResolvedRange): Promise<CacheLookup | null> {
    try {
      const generationKey = this.generationKey(dashboardId);
      const answers = await withinTimeout(
        this.redis.multi().set(generationKey, newId(), 'NX').get(generationKey).exec(),
        REDIS_TIMEOUT_MS,
        'redis',
      );
      const generation = answers?.[1]?.[1];
      if (typeof generation !== 'string') return null;
      const key = `${this.prefix}:${dashboardId}:${generation}:${range.from.toISOString()}:${range.to.toISOString()}:${range.bucket}`;
      const hit = await withinTimeout(this.redis.get(key), REDIS_TIMEOUT_MS, 'redis');
      return { key, hit };
    } catch (error) {
      this.logger.warn({ err: error }, 'metrics cache unavailable; querying without it');
      return null;
    }
  }

  async store(lookup: CacheLookup, json: string, range: ResolvedRange): Promise<void> {
    const ttl = range.openEnded
      ? this.config.metrics.openRangeCacheSeconds
      : this.config.cache.ttlSeconds;
    try {
      await withinTimeout(this.redis.set(lookup.key, json, 'EX', ttl), REDIS_TIMEOUT_MS, 'redis');
    } catch (error) {
      this.logger.warn({ err: error }, 'metrics cache unavailable; result not cached');
    }
  }

  /** After points were written for these dashboards: their cached results are no longer used. */
  async invalidate(dashboardIds: Iterable<string>): Promise<void> {
    const ids = [...dashboardIds];
    if (ids.length === 0) return;
    const pipeline = this.redis.multi();
    for (const id of ids) pipeline.set(this.generationKey(id), newId());
    try {
      await withinTimeout(pipeline.exec(), REDIS_TIMEOUT_MS, 'redis');
    } catch (error) {
      this.logger.warn({ err: error, dashboardIds: ids }, 'metrics cache could not be invalidated');
    }
  }

  private generationKey(dashboardId: string): string {
    return `${this.prefix}:${dashboardId}:generation`;
  }
}
