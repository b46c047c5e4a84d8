import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { withinTimeout } from '../common/async/within-timeout';
import { REDIS_CLIENT } from '../redis/redis.module';
import { QueueRegistry } from '../tasks/queue-registry';
import type { RealtyModelVersion } from './entities/model-version.entity';
import { TrainingRun } from './entities/training-run.entity';
import { ModelVersionsService } from './models/model-versions.service';
import { PriceCache } from './predictions/price-cache';

const PROBE_MS = 1000;

export interface RealtyOverview {
  active: RealtyModelVersion | null;
  versions: number;
  predictionsServed: number | null;
  lastRun: TrainingRun | null;
}

/** The realty product at a glance: active model, predictions served, last training, workers and Redis. */
@Injectable()
export class RealtyStatusService {
  constructor(
    private readonly em: EntityManager,
    private readonly versions: ModelVersionsService,
    private readonly cache: PriceCache,
    private readonly queues: QueueRegistry,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async overview(): Promise<RealtyOverview> {
    const [active, versions, lastRun, predictionsServed] = await Promise.all([
      this.versions.active(),
      this.versions.count(),
      this.em
        .find(TrainingRun, {}, { orderBy: { createdAt: 'desc' }, limit: 1 })
        .then(([newest]) => newest ?? null),
      this.cache.served(),
    ]);
    return { active, versions, lastRun, predictionsServed };
  }

  /** Workers listening on the `realty` queue (0 when Redis does not answer). */
  workers(): Promise<number> {
    return withinTimeout(this.queues.get('realty').getWorkersCount(), PROBE_MS, 'workers').catch(
      () => 0,
    );
  }

  redisUp(): Promise<boolean> {
    return withinTimeout(this.redis.ping(), PROBE_MS, 'redis').then(
      () => true,
      () => false,
    );
  }
}
