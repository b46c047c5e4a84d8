import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId } from '@app/database';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../../common/async/within-timeout';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import type { ResolvedRange } from './metrics-range';
import { RecentBodies } from './recent-bodies';

/** What the cache knows of a dashboard: its data generation, and its owner once a query has read it. */
export interface DashboardCacheState {
  generation: string;
  ownerId: string | null;
}

/** Redis answers within this or the query runs uncached (a slow or absent Redis never fails a query). */
/** A dashboard's cache state lasts this long after its last use; a new one simply starts a new generation. */
const STATE_TTL_SECONDS = 86_400;
const REDIS_TIMEOUT_MS = 250;
/** Bodies also kept in this process (a 30-day hourly answer is about 450 KiB). */
const RECENT_BODIES_BYTES = 64 * 1024 * 1024;

/**
 * Query results in Redis, keyed by dashboard, its data generation, resolved range and bucket, stored as the
 * response bytes. Per dashboard a small hash holds the generation and the owner's id (so a cache hit needs no
 * database query). Ingesting points gives the dashboard a new generation, so its cached results are passed over
 * from then on (and expire); a result computed while points were being written is stored under the generation read
 * before the query, so it can never shadow the new points. Keys live under `<REDIS_KEY_PREFIX>:cache:dashboards:`.
 * The most recent bodies are also kept in this process under the same keys (`RecentBodies`): a hit then costs the one
 * Redis round trip that reads the generation (which keeps invalidation working across processes), not the transfer
 * of the body.
 */
@Injectable()
export class MetricsQueryCache {
  private readonly logger = new Logger(MetricsQueryCache.name);
  private readonly prefix: string;
  private readonly recent = new RecentBodies(RECENT_BODIES_BYTES);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}:cache:dashboards`;
  }

  /** The dashboard's generation (created on first use) and cached owner, or null when Redis is unavailable. */
  async state(dashboardId: string): Promise<DashboardCacheState | null> {
    const key = this.stateKey(dashboardId);
    const answers = await this.attempt(
      this.redis
        .multi()
        .hsetnx(key, 'generation', newId())
        .hmget(key, 'generation', 'owner')
        .exec(),
    );
    const [generation, ownerId] = (answers?.[1]?.[1] ?? []) as (string | null)[];
    return generation ? { generation, ownerId: ownerId ?? null } : null;
  }

  async rememberOwner(dashboardId: string, ownerId: string): Promise<void> {
    await this.attempt(this.redis.hset(this.stateKey(dashboardId), 'owner', ownerId));
  }

  entryKey(dashboardId: string, state: DashboardCacheState, range: ResolvedRange): string {
    const { from, to, bucket } = range;
    return `${this.prefix}:${dashboardId}:${state.generation}:${from.toISOString()}:${to.toISOString()}:${bucket}`;
  }

  async get(key: string): Promise<Buffer | null> {
    const recent = this.recent.get(key);
    if (recent) return recent;
    const [body, ttl] = ((await this.attempt(this.redis.multi().getBuffer(key).ttl(key).exec())) ??
      []) as [[Error | null, Buffer | null]?, [Error | null, number]?];
    if (body?.[1] && ttl && ttl[1] > 0) this.recent.set(key, body[1], ttl[1]);
    return body?.[1] ?? null;
  }

  async store(key: string, body: Buffer, range: ResolvedRange): Promise<void> {
    const ttl = range.openEnded
      ? this.config.dashboards.openRangeCacheSeconds
      : this.config.cache.ttlSeconds;
    this.recent.set(key, body, ttl);
    await this.attempt(this.redis.set(key, body, 'EX', ttl));
  }

  /** After points were written for these dashboards: their cached results are no longer used. */
  async invalidate(dashboardIds: Iterable<string>): Promise<void> {
    const ids = [...dashboardIds];
    if (ids.length === 0) return;
    const pipeline = this.redis.multi();
    for (const id of ids)
      pipeline
        .hset(this.stateKey(id), 'generation', newId())
        .expire(this.stateKey(id), STATE_TTL_SECONDS);
    await this.attempt(pipeline.exec());
  }

  /** A deleted dashboard: its owner and generation are forgotten. */
  async forget(dashboardId: string): Promise<void> {
    await this.attempt(this.redis.del(this.stateKey(dashboardId)));
  }

  private stateKey(dashboardId: string): string {
    return `${this.prefix}:${dashboardId}:state`;
  }

  private async attempt<T>(command: Promise<T>): Promise<T | null> {
    try {
      return await withinTimeout(command, REDIS_TIMEOUT_MS, 'redis');
    } catch (error) {
      this.logger.warn({ err: error }, 'metrics cache unavailable; going on without it');
      return null;
    }
  }
}
