import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from './queue-catalog';
import { withinTimeout } from '../common/async/within-timeout';

/** Every declared queue, by name (producers exist in every process role). */
@Injectable()
export class QueueRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of QUEUE_NAMES)
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
  }

  /**
   * The queues' connections refuse commands while Redis is away (fail fast), QUIT included, which would make
   * their close at shutdown throw. A connection that is down gets ioredis' default back for the QUIT: with
   * nothing waiting, it just ends the connection.
   */
  async beforeApplicationShutdown(): Promise<void> {
    for (const queue of this.all()) {
      const client = await withinTimeout(queue.getBackend().client, 50, 'connection').catch(
        () => undefined,
      );
      if (client && client.status !== 'ready') client.options.enableOfflineQueue = true;
    }
  }

  get(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue ${name} is not registered`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /**
   * A real round trip on every queue's own connection (the one jobs are added through), each within
   * `timeoutMs`: resolves once all of them answer, so Redis counts as usable only when enqueueing works.
   */
  async ping(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.all().map(async (queue) => {
        const reachable = async (): Promise<void> => {
          const client = await queue.getBackend().client;
          await client.hexists(queue.keys.meta, 'paused');
        };
        await withinTimeout(reachable(), timeoutMs, `queue ${queue.name}`);
      }),
    );
  }
}
