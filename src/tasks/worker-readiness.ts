import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { findUnhandledJobs } from './job-handler-verifier';
import { QueueProcessor } from './queue-processor';
import type { QueueName } from './queue-catalog';

/** Refuses to start a worker process when a declared job has no handler. */
@Injectable()
export class WorkerReadiness implements OnApplicationBootstrap {
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
  }
}
