import { Processor } from '@nestjs/bullmq';
import type { ClassProvider, Type } from '@nestjs/common';
import type { WorkerOptions } from 'bullmq';
import type { AppConfig } from '../config';
import { redisOptionsOf } from '../redis/redis-connection';
import type { QueueName } from './queue-catalog';
import type { QueueProcessor } from './queue-processor';
import { retryDelay } from './retry-policy';

/**
 * BullMQ worker options from the configuration (QUEUE_CONCURRENCY, QUEUE_LOCK_DURATION_MS, …). A worker has its
 * own connection that waits out a Redis outage, unlike the queues' fail-fast producer connections. Workers do not
 * start themselves: WorkerReadiness starts them once the whole application is initialised, so no job runs before
 * every module's hooks (task mirrors, loaded models) are in place.
 */
export const workerOptionsOf = (config: AppConfig): Partial<WorkerOptions> => ({
  autorun: false,
  connection: redisOptionsOf(config.redis),
  concurrency: config.queues.concurrency,
  lockDuration: config.queues.lockDurationMs,
  stalledInterval: config.queues.stalledIntervalMs,
  maxStalledCount: config.queues.maxStalledCount,
  settings: { backoffStrategy: (attemptsMade: number) => retryDelay(attemptsMade, config.queues) },
});

/**
 * Registers a processor for `queue` whose worker is built with options from the configuration. Nest's BullMQ
 * explorer reads worker options only from the `@Processor` decorator, so the class is decorated here, on a
 * subclass made for this application, instead of with constants where it is declared.
 */
export function queueProcessorProvider<Q extends QueueName>(
  processor: Type<QueueProcessor<Q>>,
  queue: Q,
  config: AppConfig,
): ClassProvider {
  const configured = class extends (processor as Type<object>) {};
  Object.defineProperty(configured, 'name', { value: processor.name });
  Processor(queue, workerOptionsOf(config))(configured);
  return { provide: processor, useClass: configured };
}
