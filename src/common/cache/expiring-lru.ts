export interface ExpiringLruOptions<V> {
  /** The most the entries may weigh in all; the least recently read or written go first past it. */
  maxWeight: number;
  /** How long an entry is kept from when it was set, unless `set` names its own time. */
  ttlMs: number;
  /** An entry's weight (1 by default, so `maxWeight` counts entries); one heavier than `maxWeight` is never kept. */
  weigh?: (value: V) => number;
  now?: () => number;
}

/**
 * A bounded in-process map whose entries expire: a Map kept in use order (a hit moves its entry to the end; the
 * oldest go first when the weight is over), each entry until its own expiry. For values that never change under
 * their key (content-addressed results, bodies keyed by their data's generation), so a process can answer a repeat
 * without a network round trip.
 */
export class ExpiringLru<V> {
  private readonly entries = new Map<string, { value: V; weight: number; expiresAt: number }>();
  private weight = 0;
  private readonly weigh: (value: V) => number;
  private readonly now: () => number;

  constructor(private readonly options: ExpiringLruOptions<V>) {
    this.weigh = options.weigh ?? (() => 1);
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.weight -= entry.weight;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ttlMs = this.options.ttlMs): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.options.maxWeight) return;
    this.entries.set(key, { value, weight, expiresAt: this.now() + ttlMs });
    this.weight += weight;
    for (const [oldest] of this.entries) {
      if (this.weight <= this.options.maxWeight) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
