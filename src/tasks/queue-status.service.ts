import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config';
import type { QueueStatusDto } from './dto/queue-status.dto';
import { QUEUE_CATALOG, QUEUE_NAMES } from './queue-catalog';
import { QueueRegistry } from './queue-registry';
import { withinTimeout } from '../common/async/within-timeout';
import { QueueUnavailableException } from './queue-unavailable';

@Injectable()
export class QueueStatusService {
  private readonly logger = new Logger(QueueStatusService.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Every queue's state; a 503 within QUEUE_ENQUEUE_TIMEOUT_MS when Redis does not answer. */
  async all(): Promise<QueueStatusDto[]> {
    try {
      return await withinTimeout(this.read(), this.config.queues.enqueueTimeoutMs, 'queue status');
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'could not read queue status');
      throw new QueueUnavailableException();
    }
  }

  private read(): Promise<QueueStatusDto[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const queue = this.queues.get(name);
        const [counts, workers, isPaused] = await Promise.all([
          queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'),
          queue.getWorkersCount(),
          queue.isPaused(),
        ]);
        const count = (state: string): number => counts[state] ?? 0;
        return {
          name,
          description: QUEUE_CATALOG[name].description,
          runBy: QUEUE_CATALOG[name].runBy,
          isPaused,
          workers,
          counts: {
            waiting: count('waiting'),
            active: count('active'),
            delayed: count('delayed'),
            prioritized: count('prioritized'),
            completed: count('completed'),
            failed: count('failed'),
          },
        };
      }),
    );
  }
}
