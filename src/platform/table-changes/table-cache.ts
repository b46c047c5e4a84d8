import { Injectable } from '@nestjs/common';
import { deepFreeze } from '../../common/cache/deep-freeze';
import { AppConfig } from '../../config';
import { TableChangeFeed } from './table-change-feed';

interface Entry {
  stamp: string;
  expiresAt: number;
  value: unknown;
}

/**
 * Answers read from tables (list pages, catalogue lookups), kept in this process under the generations of the
 * tables they were read from: a change to any of them (see TableChangeFeed) makes the entry unusable at once, and
 * entries also expire after TABLE_CACHE_SECONDS and are evicted oldest-first beyond TABLE_CACHE_ENTRIES. An answer
 * computed while one of its tables changed is returned but not kept. Values are shared between callers: only for
 * answers that do not depend on who asks. Kept values are frozen all the way down (the lean routes write a frozen
 * answer's JSON once).
 */
@Injectable()
export class TableCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly feed: TableChangeFeed,
    config: AppConfig,
  ) {
    this.ttlMs = config.cache.tableSeconds * 1000;
    this.maxEntries = config.cache.tableEntries;
  }

  /** The kept answer for `key`, or `compute()`'s (kept when its tables did not change meanwhile). */
  async read<T>(tables: readonly string[], key: string, compute: () => Promise<T>): Promise<T> {
    const stamp = this.ttlMs > 0 ? this.feed.stamp(tables) : null;
    if (stamp === null) return compute();
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.stamp === stamp && entry.expiresAt > now) return entry.value as T;
    if (entry) this.entries.delete(key);
    const value = await compute();
    if (this.feed.stamp(tables) === stamp) {
      this.entries.set(key, { stamp, expiresAt: now + this.ttlMs, value: deepFreeze(value) });
      if (this.entries.size > this.maxEntries)
        this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }
}
