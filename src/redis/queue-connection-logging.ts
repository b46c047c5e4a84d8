import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueBase } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../platform/logging/logging.module';
import { RedisConnectionLog } from './redis-connection-log';

/** The BullMQ objects (queues, workers, queue-event listeners) a provider is or holds. */
function bullObjectsOf(instance: unknown): QueueBase[] {
  if (instance instanceof QueueBase) return [instance];
  if (typeof instance !== 'object' || instance === null) return [];
  return Object.values(instance).filter((value): value is QueueBase => value instanceof QueueBase);
}

/**
 * Gives every BullMQ queue, worker and event listener of the app an 'error' listener that logs connection loss
 * and restoration once each, as JSON. Without one BullMQ prints every failed reconnect attempt with
 * console.error (hundreds of stack-trace lines per outage). Objects a provider creates during bootstrap or later
 * are handed to {@link watch} by their owner.
 */
@Injectable()
export class QueueConnectionLogging implements OnApplicationBootstrap {
  private readonly watched = new WeakSet<QueueBase>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders())
      for (const target of bullObjectsOf(wrapper.instance)) this.watch(target);
  }

  /** Watches a BullMQ object made after start-up (the scan at bootstrap cannot see it). */
  watch(target: QueueBase): void {
    if (this.watched.has(target)) return;
    this.watched.add(target);
    const log = new RedisConnectionLog(`${target.constructor.name} ${target.name}`, this.logger);
    target.on('error', log.onError);
    // The queue does not pass its connection's 'ready' on; its backend (the Redis connection) does emit it.
    target.backend.on('ready', log.onReady);
  }
}
