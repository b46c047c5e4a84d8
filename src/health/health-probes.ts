import { Injectable, ServiceUnavailableException, type OnModuleInit } from '@nestjs/common';
import {
  HealthCheckService,
  MikroOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness-registry';
import { RedisHealthIndicator } from './redis.health';

/** Runs the readiness checks; a failure is a 503 whose message names the failing indicators. */
@Injectable()
export class HealthProbes implements OnModuleInit {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: ReadinessRegistry,
    private readonly postgres: MikroOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  onModuleInit(): void {
    this.registry.register('postgres', () =>
      this.postgres.pingCheck('postgres', { timeout: 1500 }),
    );
    this.registry.register('redis', () => this.redis.pingCheck('redis'));
  }

  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.registry.all());
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const result = error.getResponse() as HealthCheckResult;
        const failing = Object.keys(result.error ?? {});
        throw new ServiceUnavailableException({
          message: `Not ready: ${failing.join(', ')} down`,
          details: result,
        });
      }
      throw error;
    }
  }

  /** Up/down of Postgres and Redis without throwing (legacy routes build their own bodies). */
  async dependencies(): Promise<{ postgres: boolean; redis: boolean }> {
    const [postgres, redis] = await Promise.all([
      this.postgres.pingCheck('postgres', { timeout: 1500 }).then(
        (r) => r.postgres?.status === 'up',
        () => false,
      ),
      this.redis.pingCheck('redis').then((r) => r.redis?.status === 'up'),
    ]);
    return { postgres, redis };
  }
}
