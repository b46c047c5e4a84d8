import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config';
import { producerRedisOptionsOf } from '../redis/redis-connection';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { QueueDashboardAuth } from './dashboard/queue-dashboard-auth';
import { Task } from './entities/task.entity';
import { JobSchedules } from './job-schedules';
import { QUEUE_NAMES } from './queue-catalog';
import { QueueRegistry } from './queue-registry';
import { QueueStatusService } from './queue-status.service';
import { QueuesController } from './queues.controller';
import { TaskQueue } from './task-queue.service';
import { TaskRecorder } from './task-recorder';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { WorkerReadiness } from './worker-readiness';

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
          defaultJobOptions: {
            attempts: config.queues.attempts,
            backoff: { type: 'exponential', delay: config.queues.backoffMs },
            removeOnComplete: { count: config.queues.keepCompleted },
            removeOnFail: { count: config.queues.keepFailed },
          },
        }),
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      controllers: config.servesHttpApi ? [TasksController, QueuesController] : [],
      providers: [
        TasksService,
        TaskQueue,
        TaskRecorder,
        QueueRegistry,
        QueueStatusService,
        ...(config.servesHttpApi ? [QueueDashboardAuth, QueueDashboard] : []),
        ...(config.runsWorkers ? [WorkerReadiness, JobSchedules] : []),
      ],
      exports: [TasksService, TaskQueue, TaskRecorder, QueueRegistry],
    };
  }
}
