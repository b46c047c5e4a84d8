import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
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

/** Detection results in Redis for TOOLS_CACHE_TTL_SECONDS; a Redis failure only costs a cache miss. */
@Injectable()
export class DetectionCache {
  private readonly logger = new Logger(DetectionCache.name);

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly config: AppConfig,
  ) {}

  async get(key: DetectionCacheKey): Promise<CachedAnalysis | undefined> {
    try {
      return (await this.cache.get<CachedAnalysis>(detectionCacheKey(key))) ?? undefined;
    } catch (error) {
      this.logger.warn(`Detection cache read failed: ${String(error)}`);
      return undefined;
    }
  }

  async set(key: DetectionCacheKey, value: CachedAnalysis): Promise<void> {
    try {
      await this.cache.set(detectionCacheKey(key), value, this.config.tools.cacheTtlSeconds * 1000);
    } catch (error) {
      this.logger.warn(`Detection cache write failed: ${String(error)}`);
    }
  }
}
