import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../config';
import { producerRedisOptionsOf } from '../redis/redis-connection';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { QueueDashboardAuth } from './dashboard/queue-dashboard-auth';
import { Task } from './entities/task.entity';
import { JobRunLog } from './job-run-log';
import { JobSchedules } from './job-schedules';
import { QUEUE_CATALOG, QUEUE_NAMES, type QueueName } from './queue-catalog';
import { QueueRegistry } from './queue-registry';
import { QueueStatusService } from './queue-status.service';
import { QueuesController } from './queues.controller';
import { TaskQueue } from './task-queue.service';
import { GroupedJobAdds } from './enqueue/grouped-job-adds';
import { GroupedTaskInserts } from './enqueue/grouped-task-inserts';
import { TaskLifecycle } from './lifecycle/task-lifecycle';
import { TaskReconciler } from './lifecycle/task-reconciler';
import { PLATFORM_BACKOFF } from './retry-policy';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { WorkerReadiness } from './worker-readiness';

/**
 * Job options of a queue. Attempts and backoff are sized for transient errors (a database or Redis restart);
 * the processors fail data errors at once and unknown ones after QUEUE_DEFAULT_ATTEMPTS (see retry-policy).
 * Jobs of external workers keep BullMQ's built-in exponential backoff, which those workers know.
 */
const jobOptionsOf = (config: AppConfig, queue: QueueName): JobsOptions => ({
  attempts:
    QUEUE_CATALOG[queue].runBy === 'worker'
      ? config.queues.transientAttempts
      : config.queues.attempts,
  backoff: {
    type: QUEUE_CATALOG[queue].runBy === 'worker' ? PLATFORM_BACKOFF : 'exponential',
    delay: config.queues.backoffMs,
  },
  removeOnComplete: { count: config.queues.keepCompleted },
  removeOnFail: { count: config.queues.keepFailed },
});

/** BullMQ wiring, the queue catalogue's queues, task records and their routes. */
@Module({})
export class TasksModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: TasksModule,
      global: true,
      imports: [
        DiscoveryModule,
        MikroOrmModule.forFeature([Task]),
        // Queues are producers: they fail fast while Redis is away (workers get their own waiting connection).
        BullModule.forRoot({
          connection: producerRedisOptionsOf(config.redis),
          prefix: config.redis.keyPrefix,
        }),
        ...QUEUE_NAMES.map((name) =>
          BullModule.registerQueue({ name, defaultJobOptions: jobOptionsOf(config, name) }),
        ),
      ],
      controllers: config.servesHttpApi ? [TasksController, QueuesController] : [],
      providers: [
        TasksService,
        TaskQueue,
        GroupedTaskInserts,
        GroupedJobAdds,
        TaskLifecycle,
        TaskReconciler,
        QueueRegistry,
        QueueStatusService,
        JobRunLog,
        ...(config.servesHttpApi ? [QueueDashboardAuth, QueueDashboard] : []),
        ...(config.runsWorkers ? [WorkerReadiness, JobSchedules] : []),
      ],
      exports: [
        TasksService,
        TaskQueue,
        TaskLifecycle,
        TaskReconciler,
        QueueRegistry,
        QueueStatusService,
        JobRunLog,
      ],
    };
  }
}
