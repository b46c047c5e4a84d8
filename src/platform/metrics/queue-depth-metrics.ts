import { Injectable, Logger } from '@nestjs/common';
import type { JobType } from 'bullmq';
import { Gauge } from 'prom-client';
import { withinTimeout } from '../../common/async/within-timeout';
import { QueueRegistry } from '../../tasks/queue-registry';
import { MetricsRegistry } from './metrics-registry';

const STATES: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'completed',
  'failed',
  'waiting-children',
];
/** Counts are read from Redis at scrape time, at most this often (several scrapers, several replicas). */
const CACHE_MS = 5000;
const READ_TIMEOUT_MS = 1000;

/**
 * `queue_jobs{queue, state}`: BullMQ's job counts per queue and state, read when Prometheus scrapes. The same
 * figures come from every replica, so aggregate with `max by (queue, state)`. Redis unreachable: no series.
 */
@Injectable()
export class QueueDepthMetrics {
  private readonly logger = new Logger(QueueDepthMetrics.name);
  private counts: { queue: string; counts: Record<string, number> }[] = [];
  private readAt = 0;

  constructor(metrics: MetricsRegistry, queues: QueueRegistry) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per BullMQ queue and state (read from Redis at scrape time, cached 5 s)',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        this.reset();
        for (const { queue, counts } of await self.read(queues)) {
          for (const state of STATES) this.labels(queue, state).set(counts[state] ?? 0);
        }
      },
    });
  }

  private async read(queues: QueueRegistry): Promise<QueueDepthMetrics['counts']> {
    if (Date.now() - this.readAt < CACHE_MS) return this.counts;
    try {
      const read = Promise.all(
        queues.all().map(async (queue) => ({
          queue: queue.name,
          counts: await queue.getJobCounts(...STATES),
        })),
      );
      this.counts = await withinTimeout(read, READ_TIMEOUT_MS, 'queue counts');
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message },
        'could not read queue counts for metrics',
      );
      this.counts = [];
    }
    this.readAt = Date.now();
    return this.counts;
  }
}
