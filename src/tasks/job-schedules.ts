import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config';
import { QueueRegistry } from './queue-registry';
import { scheduledJobsOf, type ScheduledJob } from './queue-schedules';

/** Pause before trying again when the schedules could not be written (Redis still flapping). */
const RETRY_MS = 2000;

/**
 * Declares the repeatable jobs (`scheduledJobsOf`) as BullMQ job schedulers: at worker start, and again each
 * time a queue connection they live on is ready after a loss, since a Redis restarted without its data has
 * forgotten them. Upserts are idempotent. Worker processes only.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly schedules: ScheduledJob[];
  private readonly unsubscribes: (() => void)[] = [];
  private declaring?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly queues: QueueRegistry,
    config: AppConfig,
  ) {
    this.schedules = scheduledJobsOf(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const name of new Set(this.schedules.map((s) => s.queue))) {
      const backend = this.queues.get(name).getBackend();
      const onReady = (): void => void this.declare(`queue ${name} reconnected`);
      backend.on('ready', onReady);
      this.unsubscribes.push(() => backend.off('ready', onReady));
    }
    await this.declare('worker start');
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
  }

  /** Upserts every schedule; one run at a time, retried after RETRY_MS until it succeeds. */
  private declare(reason: string): Promise<void> {
    this.declaring ??= this.upsertAll(reason).finally(() => (this.declaring = undefined));
    return this.declaring;
  }

  private async upsertAll(reason: string): Promise<void> {
    try {
      for (const { id, queue, job, pattern, payload } of this.schedules)
        await this.queues
          .get(queue)
          .upsertJobScheduler(id, { pattern }, { name: job, data: payload });
      this.logger.log(`${this.schedules.length} job schedule(s) declared (${reason})`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        { reason: (error as Error).message },
        `job schedules not declared (${reason}); trying again in ${RETRY_MS} ms`,
      );
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.declare(`retry after: ${reason}`), RETRY_MS);
    }
  }
}
