import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId } from '@app/database';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../../common/async/within-timeout';
import { ExpiringLru } from '../../common/cache/expiring-lru';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import type { ResolvedRange } from './metrics-range';
import { DashboardInvalidations } from './dashboard-invalidations';
import type { DashboardCacheState } from './dashboard-state-memo';

export type { DashboardCacheState } from './dashboard-state-memo';

/** A dashboard's cache state lasts this long after its last use; a new one simply starts a new generation. */
const STATE_TTL_SECONDS = 86_400;
/** Redis answers within this or the query runs uncached (a slow or absent Redis never fails a query). */
const REDIS_TIMEOUT_MS = 250;
/** Bodies also kept in this process (a 30-day hourly answer is about 450 KiB). */
const RECENT_BODIES_BYTES = 64 * 1024 * 1024;

/**
 * Query results in Redis, keyed by dashboard, its data generation, resolved range and bucket, stored as the
 * response bytes. Per dashboard a small hash holds the generation and the owner's id (so a cache hit needs no
 * database query). Ingesting points gives the dashboard a new generation, so its cached results are passed over
 * from then on (and expire); a result computed while points were being written is stored under the generation read
 * before the query, so it can never shadow the new points. Keys live under `<REDIS_KEY_PREFIX>:cache:dashboards:`.
 * The most recent bodies are also kept in this process under the same keys, up to `RECENT_BODIES_BYTES` in all, and
 * so are the dashboards' states once their owner is known, while invalidations are heard (`DashboardInvalidations`):
 * a hit then needs no Redis round trip at all.
 */
@Injectable()
export class MetricsQueryCache {
  private readonly logger = new Logger(MetricsQueryCache.name);
  private readonly prefix: string;
  private readonly recent = new ExpiringLru<Buffer>({
    maxWeight: RECENT_BODIES_BYTES,
    ttlMs: STATE_TTL_SECONDS * 1000,
    weigh: (body) => body.length,
  });

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly invalidations: DashboardInvalidations,
  ) {
    this.prefix = `${config.redis.keyPrefix}:cache:dashboards`;
  }

  /** The dashboard's generation (created on first use) and cached owner, or null when Redis is unavailable. */
  async state(dashboardId: string): Promise<DashboardCacheState | null> {
    const { memo } = this.invalidations;
    this.invalidations.listen();
    const known = memo.get(dashboardId);
    if (known) return known;
    const token = memo.begin();
    const key = this.stateKey(dashboardId);
    const answers = await this.attempt(
      this.redis
        .multi()
        .hsetnx(key, 'generation', newId())
        .hmget(key, 'generation', 'owner')
        .exec(),
    );
    const [generation, ownerId] = (answers?.[1]?.[1] ?? []) as (string | null)[];
    if (!generation) return null;
    const state = { generation, ownerId: ownerId ?? null };
    // Kept in memory once it is complete: a state without its owner still sends the query to the database.
    if (state.ownerId) memo.remember(dashboardId, state, token);
    return state;
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
    if (body?.[1] && ttl && ttl[1] > 0) this.recent.set(key, body[1], ttl[1] * 1000);
    return body?.[1] ?? null;
  }

  async store(key: string, body: Buffer, range: ResolvedRange): Promise<void> {
    const ttl = range.openEnded
      ? this.config.dashboards.openRangeCacheSeconds
      : this.config.cache.ttlSeconds;
    this.recent.set(key, body, ttl * 1000);
    await this.attempt(this.redis.set(key, body, 'EX', ttl));
  }

  /** After points were written for these dashboards: their cached results are no longer used, in any process. */
  async invalidate(dashboardIds: Iterable<string>): Promise<void> {
    const ids = [...dashboardIds];
    if (ids.length === 0) return;
    const transaction = this.redis.multi();
    for (const id of ids)
      transaction
        .hset(this.stateKey(id), 'generation', newId())
        .expire(this.stateKey(id), STATE_TTL_SECONDS);
    await this.attempt(this.invalidations.announce(transaction, ids).exec());
    // Reads of the state that started before the new generation was written are not remembered either.
    this.invalidations.memo.drop(ids);
  }

  /** A deleted dashboard: its owner and generation are forgotten, in every process. */
  async forget(dashboardId: string): Promise<void> {
    const transaction = this.redis.multi().del(this.stateKey(dashboardId));
    await this.attempt(this.invalidations.announce(transaction, [dashboardId]).exec());
    this.invalidations.memo.drop([dashboardId]);
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
