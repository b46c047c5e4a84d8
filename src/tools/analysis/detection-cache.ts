import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { deepFreeze } from '../../common/cache/deep-freeze';
import { ExpiringLru } from '../../common/cache/expiring-lru';
import { AppConfig } from '../../config';
import type { ToolkitSnapshot } from './toolkit-snapshot';
import type { ToolkitVerdict } from './toolkit-verdict';

/** What a check of one image against one toolkit produced; the same for every request with the same key. */
export interface CachedAnalysis extends ToolkitVerdict {
  modelVersion: string;
  /** Media name of the annotated photo. */
  annotatedImage: string;
  inferenceMs: number;
}

export interface DetectionCacheKey {
  imageSha256: string;
  toolkit: Pick<ToolkitSnapshot, 'id' | 'fingerprint'>;
  /** The confidence floor the request asked for. */
  confidence: number;
  modelVersion: string;
}

/**
 * The cache key: every input that changes the answer is in it (image bytes, toolkit and its items, threshold,
 * model version), so a changed toolkit or a new model is a different key and never gets a stale answer.
 */
export const detectionCacheKey = (key: DetectionCacheKey): string =>
  [
    'tools',
    'detection',
    encodeURIComponent(key.modelVersion),
    key.toolkit.id,
    key.toolkit.fingerprint.slice(0, 32),
    key.confidence.toFixed(4),
    key.imageSha256,
  ].join(':');

/** Results kept in this process's memory in front of Redis (a few KB each). */
const RECENT_RESULTS = 1000;

/**
 * Detection results in Redis for TOOLS_CACHE_TTL_SECONDS (shared by every process), and the last 1000 this process
 * computed or read kept in its memory for as long (frozen, as they are shared by the requests they answer): a
 * repeat then costs no Redis round trip. A result never changes under its key (every input is in it), so a copy in
 * memory cannot go stale. A Redis failure only costs a cache miss.
 */
@Injectable()
export class DetectionCache {
  private readonly logger = new Logger(DetectionCache.name);
  private readonly recent: ExpiringLru<CachedAnalysis>;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly config: AppConfig,
  ) {
    this.recent = new ExpiringLru({
      maxWeight: RECENT_RESULTS,
      ttlMs: config.tools.cacheTtlSeconds * 1000,
    });
  }

  /** The result this process keeps in memory for the key, if any (no Redis round trip). */
  fromMemory(key: DetectionCacheKey): CachedAnalysis | undefined {
    return this.recent.get(detectionCacheKey(key));
  }

  /** The result in Redis (then kept in memory too); never rejects: a failed read is a miss. */
  async fromRedis(key: DetectionCacheKey): Promise<CachedAnalysis | undefined> {
    const name = detectionCacheKey(key);
    try {
      const stored = await this.cache.get<CachedAnalysis>(name);
      if (stored) this.recent.set(name, deepFreeze(stored));
      return stored ?? undefined;
    } catch (error) {
      this.logger.warn(`Detection cache read failed: ${String(error)}`);
      return undefined;
    }
  }

  /** Kept in memory at once (before this returns a promise), then written to Redis; never rejects. */
  async set(key: DetectionCacheKey, value: CachedAnalysis): Promise<void> {
    const name = detectionCacheKey(key);
    this.recent.set(name, deepFreeze(structuredClone(value)));
    try {
      await this.cache.set(name, value, this.config.tools.cacheTtlSeconds * 1000);
    } catch (error) {
      this.logger.warn(`Detection cache write failed: ${String(error)}`);
    }
  }

  /** Drops a result from memory and Redis (a result that must not be served again); never rejects. */
  async delete(key: DetectionCacheKey): Promise<void> {
    const name = detectionCacheKey(key);
    this.recent.delete(name);
    try {
      await this.cache.del(name);
    } catch (error) {
      this.logger.warn(`Detection cache delete failed: ${String(error)}`);
    }
  }
}
