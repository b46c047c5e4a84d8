import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config';
import { QueueRegistry } from '../tasks/queue-registry';

/** Registers the nightly housekeeping jobs with BullMQ's job scheduler (idempotent upserts; worker processes only). */
@Injectable()
export class HousekeepingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(HousekeepingScheduler.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.get('housekeeping');
    const pattern = this.config.queues.housekeepingCron;
    const { taskRetentionDays, revokedKeyRetentionDays } = this.config.queues;
    await queue.upsertJobScheduler(
      'nightly-purge-api-keys',
      { pattern },
      {
        name: 'purge-api-keys',
        data: { retentionDays: revokedKeyRetentionDays },
      },
    );
    await queue.upsertJobScheduler(
      'nightly-purge-task-records',
      { pattern },
      {
        name: 'purge-task-records',
        data: { retentionDays: taskRetentionDays },
      },
    );
    this.logger.log(`housekeeping scheduled (${pattern})`);
  }
}
