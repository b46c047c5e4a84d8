import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** How a job attempt ended: done, failed for good, or failed and going to be retried. */
export type JobOutcome = 'completed' | 'failed' | 'retrying';

/**
 * `queue_job_duration_seconds{queue, job, outcome}`, one observation per attempt a worker ran (its `_count` is the
 * number of attempts by outcome).
 */
@Injectable()
export class JobMetrics {
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'queue_job_duration_seconds',
      help: 'Duration of job attempts run by this worker, by queue, job name and outcome',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [metrics.registry],
    });
  }

  observe(queue: string, job: string, outcome: JobOutcome, durationMs: number): void {
    this.duration.labels(queue, job, outcome).observe(durationMs / 1000);
  }
}
