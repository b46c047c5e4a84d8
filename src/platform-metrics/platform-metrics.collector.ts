import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config';
import { MINUTE_MS } from './inference-tally';
import { ModelAccuracy } from './model-accuracy';
import { figuresOf } from './model-minute-figures';
import { MinuteStatsStore, type MinuteRef, type StoredMinute } from './minute-stats-store';
import { PlatformDashboards } from './platform-dashboards';
import { PlatformModelMinute } from './platform-model-minute.entity';

/** Extra wait after a minute ends, beyond one flush interval, before it counts as complete. */
const GRACE_MS = 2000;
/** Longest a collection may hold the lock (another worker takes over after a crash). */
const LOCK_MS = 5 * MINUTE_MS;

export interface CollectionResult {
  /** Model-version minutes recorded in platform_model_minutes. */
  minutes: number;
  /** Of those, minutes written to their dashboard as a metric point. */
  points: number;
}

/**
 * Turns the closed minutes counted in Redis (every process's flushes in) into one `platform_model_minutes` row
 * and one dashboard point per model version and minute. A minute without runs has no record, so nothing is
 * written for it. One collector at a time (a Redis lock); a minute already recorded (a run cut short after its
 * write) is not written twice.
 */
@Injectable()
export class PlatformMetricsCollector {
  private readonly logger = new Logger(PlatformMetricsCollector.name);

  constructor(
    private readonly store: MinuteStatsStore,
    private readonly em: EntityManager,
    private readonly accuracy: ModelAccuracy,
    private readonly dashboards: PlatformDashboards,
    private readonly config: AppConfig,
  ) {}

  /** Collects every minute that ended at least one flush interval (plus a grace) before `now`. */
  async collect(now: number = Date.now()): Promise<CollectionResult> {
    const result = await this.store.exclusively(LOCK_MS, () => this.collectBefore(now));
    return result ?? { minutes: 0, points: 0 };
  }

  private async collectBefore(now: number): Promise<CollectionResult> {
    const closedBy = now - this.config.platformMetrics.flushMs - GRACE_MS;
    const closed = (await this.store.pending())
      .filter((ref) => ref.minute + MINUTE_MS <= closedBy)
      .sort((a, b) => a.minute - b.minute);
    const accuracies = new Map<string, Promise<number | null>>();
    const result: CollectionResult = { minutes: 0, points: 0 };
    for (const ref of closed) {
      const stored = await this.store.read(ref);
      if (stored) {
        const key = `${ref.model}\u0000${ref.version}`;
        if (!accuracies.has(key)) accuracies.set(key, this.accuracy.of(ref.model, ref.version));
        const written = await this.record(
          stored,
          await (accuracies.get(key) as Promise<number | null>),
        );
        if (written !== undefined) {
          result.minutes += 1;
          if (written) result.points += 1;
        }
      }
      await this.store.remove(ref);
    }
    return result;
  }

  /** Undefined when the minute was recorded before (late counts of a collected minute are dropped). */
  private async record(
    stored: StoredMinute,
    accuracy: number | null,
  ): Promise<boolean | undefined> {
    const minute = new Date(stored.minute);
    const figures = figuresOf(stored);
    return this.em.transactional(async (em) => {
      if (await this.recorded(em, stored)) {
        this.logger.warn(
          { model: stored.model, version: stored.version, minute, calls: stored.calls },
          'inference counts arrived after their minute was recorded; dropped',
        );
        return undefined;
      }
      em.create(PlatformModelMinute, {
        model: stored.model,
        version: stored.version,
        minute,
        calls: figures.calls,
        errors: figures.errors,
        latencyAvgMs: figures.latencyAvgMs,
        latencyP95Ms: figures.latencyP95Ms,
        memoryMb: figures.memoryMb,
        accuracy,
      });
      await em.flush();
      const { model, version } = stored;
      return this.dashboards.write({ model, version, minute: stored.minute, ...figures, accuracy });
    });
  }

  private async recorded(
    em: EntityManager,
    { model, version, minute }: MinuteRef,
  ): Promise<boolean> {
    return (await em.count(PlatformModelMinute, { model, version, minute: new Date(minute) })) > 0;
  }
}
