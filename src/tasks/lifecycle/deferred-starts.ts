/**
 * Writes of a job's start that wait a little: a job that ends before its start is written never needs the
 * write (its end records when it started). Keyed by job id; at most one waiting start per job.
 */
export class DeferredStarts {
  private readonly waiting = new Map<string, { timer: NodeJS.Timeout; write: () => void }>();

  constructor(private readonly delayMs: number) {}

  /** Runs `write` after the delay unless {@link drop} or {@link now} comes first. */
  defer(key: string, write: () => void): void {
    this.drop(key);
    const timer = setTimeout(() => this.now(key), this.delayMs);
    timer.unref();
    this.waiting.set(key, { timer, write });
  }

  /** Runs the waiting start of `key` at once, if there is one. */
  now(key: string): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    this.drop(key);
    waiting.write();
  }

  /** Forgets the waiting start of `key` (the job ended first). */
  drop(key: string): void {
    clearTimeout(this.waiting.get(key)?.timer);
    this.waiting.delete(key);
  }

  get size(): number {
    return this.waiting.size;
  }
}
