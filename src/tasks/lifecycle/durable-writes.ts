import { classifyError } from '../../common/errors/error-kind';

export interface DurableWritesOptions {
  /** First retry delay; each further retry doubles it up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries of a write failing with an error that is neither transient nor permanent (a bug, say). */
  unknownErrorRetries: number;
  onGiveUp(key: string, error: unknown): void;
  onRetry(key: string, error: unknown, attempt: number, delayMs: number): void;
  sleep?: (ms: number) => Promise<void>;
}

/** Capped exponential backoff: `base`, `2·base`, `4·base`, … never more than `max`. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));

/**
 * Runs writes in order per key (one task), each until it succeeds: a write failing because the database or Redis
 * is unreachable is retried with capped exponential backoff for as long as it takes, never dropped. A write
 * failing permanently (bad data) is given up, and reported, so that it does not block the writes behind it.
 * The promise returned by {@link run} never rejects.
 */
export class DurableWrites {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: DurableWritesOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Queues `write` behind the earlier writes of `key`; resolves once it is done or given up. */
  run(key: string, write: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.untilDone(key, write));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  /** Writes queued or being retried now. */
  get pending(): number {
    return this.chains.size;
  }

  private async untilDone(key: string, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        const kind = classifyError(error);
        if (
          kind === 'permanent' ||
          (kind === 'unknown' && attempt > this.options.unknownErrorRetries)
        ) {
          this.options.onGiveUp(key, error);
          return;
        }
        const delay = backoffDelay(attempt, this.options.baseDelayMs, this.options.maxDelayMs);
        this.options.onRetry(key, error, attempt, delay);
        await this.sleep(delay);
      }
    }
  }
}
