import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { QueueConnectionLogging } from '../redis/queue-connection-logging';
import { REDIS_CLIENT } from '../redis/redis.module';
import { redisOptionsOf } from '../redis/redis-connection';
import { TaskLifecycle, type JobRef } from '../tasks/lifecycle/task-lifecycle';
import { QueueRegistry } from '../tasks/queue-registry';

const QUEUE = 'jobs-external';

/**
 * Follows the `jobs-external` queue, which external (GPU) workers process, and hands what they do to the task
 * lifecycle (taken, progress, completed, failed); the job follows its task through JobTaskMirror. Every event
 * is claimed once in Redis, so any number of worker processes may run this monitor; events of one job are
 * handed over in the order they arrived.
 */
@Injectable()
export class ExternalJobMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExternalJobMonitor.name);
  private events?: QueueEvents;
  /** Events of one job are applied in the order they arrived (the stream's order). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly queues: QueueRegistry,
    private readonly lifecycle: TaskLifecycle,
    private readonly connectionLogging: QueueConnectionLogging,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.events = new QueueEvents(QUEUE, {
      connection: redisOptionsOf(this.config.redis),
      prefix: this.config.redis.keyPrefix,
    });
    this.connectionLogging.watch(this.events);
    const on = (
      name: 'active' | 'progress' | 'completed' | 'failed',
      handle: (ref: JobRef, args: Record<string, unknown>) => Promise<void>,
    ) =>
      this.events?.on(name, (args: { jobId: string }, eventId: string) => {
        const previous = this.chains.get(args.jobId) ?? Promise.resolve();
        const next = previous.then(() => this.handle(name, args, eventId, handle));
        this.chains.set(args.jobId, next);
        void next.finally(() => {
          if (this.chains.get(args.jobId) === next) this.chains.delete(args.jobId);
        });
      });
    on('active', (ref) => this.started(ref));
    on('progress', (ref, args) => this.progressed(ref, args.data));
    on('completed', (ref, args) => this.completed(ref, args.returnvalue));
    on('failed', (ref, args) => this.failed(ref, String(args.failedReason ?? 'failed')));
    await this.events.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.close();
  }

  private async handle(
    name: string,
    args: { jobId: string },
    eventId: string,
    handle: (ref: JobRef, args: Record<string, unknown>) => Promise<void>,
  ): Promise<void> {
    try {
      const claim = await this.redis.set(
        `${this.config.redis.keyPrefix}:${QUEUE}:seen:${eventId}:${name}`,
        '1',
        'EX',
        86_400,
        'NX',
      );
      if (claim !== 'OK') return;
      const queued = await this.queues.get(QUEUE).getJob(args.jobId);
      // A job Redis no longer has (removed once it failed, say) is known by its id; it fails for good.
      const ref: JobRef = queued ?? {
        id: args.jobId,
        queueName: QUEUE,
        name: 'generate',
        data: {},
        attemptsMade: 1,
        opts: { attempts: 1 },
      };
      await handle(ref, args as Record<string, unknown>);
    } catch (error) {
      this.logger.error(
        { err: error, event: name, taskId: args.jobId },
        'could not follow an external job',
      );
    }
  }

  private async started(ref: JobRef): Promise<void> {
    await this.lifecycle.started(ref);
  }

  private async progressed(ref: JobRef, data: unknown): Promise<void> {
    await this.lifecycle.progressed(ref, data);
  }

  private async completed(ref: JobRef, result: unknown): Promise<void> {
    await this.lifecycle.completed(ref, result);
  }

  private async failed(ref: JobRef, reason: string): Promise<void> {
    await this.lifecycle.failed(ref, new Error(reason));
  }
}
