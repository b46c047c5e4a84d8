import { Injectable } from '@nestjs/common';
import type { QueueStatusDto } from './dto/queue-status.dto';
import { QUEUE_CATALOG, QUEUE_NAMES } from './queue-catalog';
import { QueueRegistry } from './queue-registry';

@Injectable()
export class QueueStatusService {
  constructor(private readonly queues: QueueRegistry) {}

  async all(): Promise<QueueStatusDto[]> {
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
