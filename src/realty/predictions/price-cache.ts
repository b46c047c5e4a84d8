import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../../common/async/within-timeout';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import { rowDigest, type FeatureValue } from '../models/feature-spec';

const REDIS_WAIT_MS = 500;

/**
 * Redis side of house-price predictions: the cache of (model version, canonical row) → price, and the count of
 * predictions served. Both are best effort: without Redis, predictions are computed and not counted.
 */
@Injectable()
export class PriceCache {
  private readonly logger = new Logger(PriceCache.name);

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private get enabled(): boolean {
    return this.config.realty.predictionCacheSeconds > 0;
  }

  private keyOf(version: number, row: readonly FeatureValue[]): string {
    return `realty:price:v${version}:${rowDigest(row)}`;
  }

  /** The cached price of each row, undefined where there is none. */
  async lookup(version: number, rows: readonly FeatureValue[][]): Promise<(number | undefined)[]> {
    if (!this.enabled || rows.length === 0) return rows.map(() => undefined);
    const keys = rows.map((row) => this.keyOf(version, row));
    return this.quietly(
      () => this.cache.mget<number>(keys),
      rows.map(() => undefined),
    );
  }

  async store(
    version: number,
    rows: readonly FeatureValue[][],
    prices: readonly number[],
  ): Promise<void> {
    if (!this.enabled || rows.length === 0) return;
    const ttl = this.config.realty.predictionCacheSeconds * 1000;
    const list = rows.map((row, i) => ({ key: this.keyOf(version, row), value: prices[i], ttl }));
    await this.quietly(() => this.cache.mset(list).then(() => undefined), undefined);
  }

  async countServed(predictions: number): Promise<void> {
    if (predictions === 0) return;
    await this.quietly(
      () => this.redis.incrby(this.servedKey, predictions).then(() => undefined),
      undefined,
    );
  }

  async served(): Promise<number | null> {
    return this.quietly(async () => Number((await this.redis.get(this.servedKey)) ?? 0), null);
  }

  private get servedKey(): string {
    return `${this.config.redis.keyPrefix}:realty:predictions-served`;
  }

  private async quietly<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await withinTimeout(work(), REDIS_WAIT_MS, 'redis');
    } catch (error) {
      this.logger.debug({ reason: (error as Error).message }, 'prediction cache unavailable');
      return fallback;
    }
  }
}
