import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { findUnhandledJobs } from './job-handler-verifier';
import { QueueProcessor } from './queue-processor';
import type { QueueName } from './queue-catalog';

/**
 * Refuses to start a worker process when a declared job has no handler; otherwise starts the queues' workers. They
 * are created with `autorun: false` and started here, after every module's `onModuleInit` (a job taken earlier could
 * run before its module's task mirror or model is registered).
 */
@Injectable()
export class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerReadiness.name);

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter(
        (instance): instance is QueueProcessor<QueueName> => instance instanceof QueueProcessor,
      );
    const missing = findUnhandledJobs(processors);
    if (missing.length > 0) {
      throw new Error(`Worker cannot start: no handler for declared job(s) ${missing.join(', ')}`);
    }
    for (const processor of processors) {
      const worker = processor.worker;
      if (worker.isRunning()) continue;
      worker.run().catch((error: unknown) => {
        this.logger.error(`Worker of queue ${worker.name} stopped: ${String(error)}`);
      });
    }
  }
}
