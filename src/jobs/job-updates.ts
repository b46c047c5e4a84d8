import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { REDIS_CLIENT } from '../redis/redis.module';

export interface JobUpdate {
  type: 'status' | 'progress';
  status: string;
  progress_percent: number;
  error?: string | null;
  step?: string;
}

type Listener = (update: JobUpdate) => void;

/**
 * Job changes over Redis pub/sub, so a stream served by one API process sees what a worker anywhere does.
 * Publishing uses the shared client; each process keeps one subscriber connection for all its open streams.
 */
@Injectable()
export class JobUpdates implements OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private channel(jobId: string): string {
    return `${this.config.redis.keyPrefix}:job-updates:${jobId}`;
  }

  async publish(jobId: string, update: JobUpdate): Promise<void> {
    await this.redis.publish(this.channel(jobId), JSON.stringify(update));
  }

  /** Calls `listener` with every update of the job until the returned function is called. */
  async subscribe(jobId: string, listener: Listener): Promise<() => Promise<void>> {
    const subscriber = this.connection();
    const channel = this.channel(jobId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private connection(): Redis {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate({ enableOfflineQueue: true });
      this.subscriber.on('message', (channel: string, message: string) => {
        const update = JSON.parse(message) as JobUpdate;
        for (const listener of this.listeners.get(channel) ?? []) listener(update);
      });
    }
    return this.subscriber;
  }
}
