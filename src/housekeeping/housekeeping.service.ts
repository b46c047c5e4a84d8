import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config';
import type { Task } from '../tasks/entities/task.entity';
import { TaskQueue } from '../tasks/task-queue.service';
import type { HousekeepingJob } from './dto/run-housekeeping.dto';

/** Runs a housekeeping job on request, with the configured retention unless the caller names one. */
@Injectable()
export class HousekeepingService {
  constructor(
    private readonly taskQueue: TaskQueue,
    private readonly config: AppConfig,
  ) {}

  runNow(job: HousekeepingJob, ownerId: string, retentionDays?: number): Promise<Task> {
    const { taskRetentionDays, revokedKeyRetentionDays } = this.config.queues;
    const fallback = job === 'purge-api-keys' ? revokedKeyRetentionDays : taskRetentionDays;
    return this.taskQueue.enqueue(
      'housekeeping',
      job,
      { retentionDays: retentionDays ?? fallback },
      { ownerId },
    );
  }
}
