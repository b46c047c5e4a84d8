import { ModelRegistry } from '@app/inference';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { hostname } from 'node:os';
import { AppConfig } from '../config';
import { InferenceTally, MINUTE_MS } from './inference-tally';
import { MinuteStatsStore } from './minute-stats-store';

/** Counts older than this are dropped when Redis could not take them: their minute has been collected. */
const KEEP_UNSENT_MS = 2 * MINUTE_MS;

/**
 * Counts every model run of this process (through `ModelRegistry.onInference`) per model, version and minute, and
 * adds the counts to Redis every PLATFORM_METRICS_FLUSH_MS with one transaction, so that a hot route costs a few
 * map updates per run and not a Redis call. Counts Redis refused are sent with the next flush. The last counts are
 * flushed at shutdown.
 */
@Injectable()
export class InferenceStatsRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InferenceStatsRecorder.name);
  private readonly tally = new InferenceTally();
  private readonly processId = `${hostname()}:${process.pid}`;
  private unsubscribe?: () => void;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private failing = false;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly store: MinuteStatsStore,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.registry.onInference((run) => this.tally.record(run, Date.now()));
    this.timer = setInterval(() => void this.flush(), this.config.platformMetrics.flushMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.flush();
  }

  /** Sends the counts gathered since the last flush (one at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.send().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async send(): Promise<void> {
    const tallies = this.tally.drain();
    if (tallies.length === 0) return;
    try {
      const memoryMb = process.memoryUsage.rss() / (1024 * 1024);
      await this.store.add(tallies, { id: this.processId, memoryMb });
      if (this.failing) this.logger.log('inference counts sent to Redis again');
      this.failing = false;
    } catch (error) {
      const cutoff = Date.now() - KEEP_UNSENT_MS;
      this.tally.restore(tallies.filter((t) => t.minute >= cutoff));
      if (!this.failing)
        this.logger.warn(
          { reason: (error as Error).message },
          'inference counts not sent to Redis; kept for the next flush',
        );
      this.failing = true;
    }
  }
}
