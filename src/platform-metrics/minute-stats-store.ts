import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config';
import { REDIS_CLIENT } from '../redis/redis.module';
import type { MinuteTally } from './inference-tally';

/** Which model version's minute a stored record is about. */
export interface MinuteRef {
  model: string;
  version: string;
  minute: number;
}

/** A minute of one model version as summed over every process that ran it. */
export interface StoredMinute extends MinuteRef {
  calls: number;
  errors: number;
  sumMicros: number;
  buckets: Map<number, number>;
  /** Resident memory (MB) of each process that ran the model that minute, at its last flush. */
  memoryByProcess: Map<string, number>;
}

/** How long an uncollected minute stays in Redis (the collector takes it within a minute or two). */
const RECORD_TTL_SECONDS = 24 * 3600;

/**
 * The per-minute inference counts in Redis, shared by every process: one hash per model version and minute
 * (`calls`, `errors`, `sum_us`, `h<bucket>` histogram counts, `rss:<process>`), summed with HINCRBY, plus a set of
 * the minutes not collected yet. Each flush is one MULTI, so the collector never reads half of one.
 */
@Injectable()
export class MinuteStatsStore {
  private readonly base: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.base = `${config.redis.keyPrefix}:platform-metrics`;
  }

  async add(
    tallies: readonly MinuteTally[],
    process: { id: string; memoryMb: number },
  ): Promise<void> {
    const tx = this.redis.multi();
    for (const tally of tallies) {
      const key = this.keyOf(tally);
      tx.hincrby(key, 'calls', tally.calls);
      tx.hincrby(key, 'errors', tally.errors);
      tx.hincrby(key, 'sum_us', tally.sumMicros);
      for (const [bucket, count] of tally.buckets) tx.hincrby(key, `h${bucket}`, count);
      tx.hset(key, `rss:${process.id}`, process.memoryMb.toFixed(1));
      tx.expire(key, RECORD_TTL_SECONDS);
      tx.sadd(this.pendingKey, this.memberOf(tally));
    }
    const results = await tx.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
  }

  /** The minutes written and not collected yet. */
  async pending(): Promise<MinuteRef[]> {
    const members = await this.redis.smembers(this.pendingKey);
    return members.map((member) => {
      const [minute, model, version] = JSON.parse(member) as [number, string, string];
      return { minute, model, version };
    });
  }

  async read(ref: MinuteRef): Promise<StoredMinute | null> {
    const hash = await this.redis.hgetall(this.keyOf(ref));
    if (!hash.calls) return null;
    const stored: StoredMinute = {
      ...ref,
      calls: Number(hash.calls),
      errors: Number(hash.errors ?? 0),
      sumMicros: Number(hash.sum_us ?? 0),
      buckets: new Map(),
      memoryByProcess: new Map(),
    };
    for (const [field, value] of Object.entries(hash)) {
      if (/^h-?\d+$/.test(field)) stored.buckets.set(Number(field.slice(1)), Number(value));
      else if (field.startsWith('rss:')) stored.memoryByProcess.set(field.slice(4), Number(value));
    }
    return stored;
  }

  async remove(ref: MinuteRef): Promise<void> {
    await this.redis.multi().srem(this.pendingKey, this.memberOf(ref)).del(this.keyOf(ref)).exec();
  }

  /** Runs `work` unless another process holds the collector's lock (then returns undefined). */
  async exclusively<T>(ttlMs: number, work: () => Promise<T>): Promise<T | undefined> {
    const token = randomUUID();
    const lockKey = `${this.base}:collector-lock`;
    if ((await this.redis.set(lockKey, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
    try {
      return await work();
    } finally {
      if ((await this.redis.get(lockKey)) === token) await this.redis.del(lockKey);
    }
  }

  private get pendingKey(): string {
    return `${this.base}:pending`;
  }

  private keyOf({ minute, model, version }: MinuteRef): string {
    return `${this.base}:minute:${minute}:${encodeURIComponent(model)}:${encodeURIComponent(version)}`;
  }

  private memberOf({ minute, model, version }: MinuteRef): string {
    return JSON.stringify([minute, model, version]);
  }
}
