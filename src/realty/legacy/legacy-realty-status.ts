import { Injectable } from '@nestjs/common';
import { QueueStatusService } from '../../tasks/queue-status.service';
import { RealtyStatusService } from '../realty-status.service';
import type { LegacyCeleryStatusDto, LegacyRealtyStatusDto } from './legacy-realty.dto';
import { LegacyRealtyService } from './legacy-realty.service';

/** The old /status and /celery-status bodies, from the realty status and BullMQ's queues. */
@Injectable()
export class LegacyRealtyStatus {
  constructor(
    private readonly realty: RealtyStatusService,
    private readonly legacy: LegacyRealtyService,
    private readonly queueStatus: QueueStatusService,
  ) {}

  async status(): Promise<LegacyRealtyStatusDto> {
    const [overview, redisUp, workers] = await Promise.all([
      this.realty.overview(),
      this.realty.redisUp(),
      this.realty.workers(),
    ]);
    return {
      api: 'ok',
      modelo_carregado: overview.active !== null,
      modelo: overview.active ? await this.legacy.modelOf(overview.active) : null,
      redis: redisUp ? 'ok' : 'indisponivel',
      celery_workers: workers,
    };
  }

  async queues(): Promise<LegacyCeleryStatusDto> {
    const queues = await this.queueStatus.all();
    return {
      broker: 'ok',
      workers: queues.reduce((sum, q) => sum + q.workers, 0),
      filas: queues.map((q) => ({ nome: q.name, workers: q.workers, contagens: { ...q.counts } })),
    };
  }
}
