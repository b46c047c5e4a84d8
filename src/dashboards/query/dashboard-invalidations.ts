import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ChainableCommander, Redis } from 'ioredis';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';
import { DashboardStateMemo } from './dashboard-state-memo';

/** A remembered dashboard state is read from Redis again after this long at most. */
const MEMO_MAX_AGE_MS = 60_000;
const MEMO_ENTRIES = 10_000;

/**
 * Invalidations of dashboards' cached results over Redis pub/sub (`<REDIS_KEY_PREFIX>:dashboards:invalidated`, the
 * changed ids comma-separated), so that every API process can keep their cache states in memory (`memo`) and answer a
 * cache hit without a Redis round trip. Whoever moves a generation publishes in the same transaction; each process
 * drops what it heard about. The subscriber connection is opened on first use; while it is not subscribed (starting,
 * reconnecting) the memo holds nothing.
 */
@Injectable()
export class DashboardInvalidations implements OnApplicationShutdown {
  readonly memo = new DashboardStateMemo(MEMO_MAX_AGE_MS, MEMO_ENTRIES);
  private readonly channel: string;
  private subscriber?: Redis;
  private stopped = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.channel = `${config.redis.keyPrefix}:dashboards:invalidated`;
  }

  /** Adds the announcement of these dashboards' changes to a transaction (and forgets them here at once). */
  announce(transaction: ChainableCommander, dashboardIds: readonly string[]): ChainableCommander {
    this.memo.drop(dashboardIds);
    return transaction.publish(this.channel, dashboardIds.join(','));
  }

  /** Starts hearing invalidations, once. */
  listen(): void {
    if (this.subscriber || this.stopped) return;
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, ids: string) => {
      if (channel === this.channel) this.memo.drop(ids.split(','));
    });
    subscriber.on('close', () => this.memo.down());
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => this.memo.up(),
        () => this.memo.down(),
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.memo.down();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
