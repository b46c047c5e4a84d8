import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../common/async/within-timeout';
import { REDIS_CLIENT } from '../redis/redis.module';
import { QueueRegistry } from '../tasks/queue-registry';

const PING_TIMEOUT_MS = 1500;

/**
 * The `redis` indicator: up only when the shared client and every queue's own connection answer, so readiness
 * does not report Redis usable while the queues are still reconnecting and enqueueing would fail.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly queues: QueueRegistry,
    private readonly health: HealthIndicatorService,
  ) {}

  async pingCheck(key = 'redis'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await Promise.all([
        withinTimeout(this.redis.ping(), PING_TIMEOUT_MS, 'ping'),
        this.queues.ping(PING_TIMEOUT_MS),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: `Redis unreachable: ${(error as Error).message}` });
    }
  }
}
