import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '../users/api-keys.service';
import { TasksService } from '../tasks/tasks.service';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';

@Injectable()
export class HousekeepingProcessor extends QueueProcessor<'housekeeping'> {
  readonly queueName = 'housekeeping';

  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly tasks: TasksService,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'housekeeping'> = {
    'purge-api-keys': async (job) => ({
      deleted: await this.apiKeys.purgeStale(job.data.retentionDays),
    }),
    'purge-task-records': async (job) => ({
      deleted: await this.tasks.purgeFinished(job.data.retentionDays),
    }),
    ping: () => Promise.resolve({ pong: true }),
  };
}
