import type { Cache } from '@nestjs/cache-manager';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../config';
import {
  DetectionCache,
  detectionCacheKey,
  type CachedAnalysis,
  type DetectionCacheKey,
} from './detection-cache';
import { fingerprintOf } from './toolkit-snapshot';

const lines = [
  { toolId: 'b', name: 'Wrench', detectorClass: 'wrench', quantity: 1 },
  { toolId: 'a', name: 'Hammer', detectorClass: 'hammer', quantity: 2 },
];
const base: DetectionCacheKey = {
  imageSha256: 'f'.repeat(64),
  toolkit: { id: 'kit', fingerprint: fingerprintOf(lines) },
  confidence: 0.5,
  modelVersion: '1.0.0',
};

describe('detection cache key', () => {
  it('does not depend on the order items are listed in', () => {
    expect(fingerprintOf([...lines].reverse())).toBe(fingerprintOf(lines));
  });

  it('changes with the image, the toolkit items, the threshold and the model version', () => {
    const key = detectionCacheKey(base);
    const changedQuantity = fingerprintOf([lines[0], { ...lines[1], quantity: 3 }]);
    const changedClass = fingerprintOf([lines[0], { ...lines[1], detectorClass: 'pliers' }]);
    const variants = [
      { ...base, imageSha256: 'e'.repeat(64) },
      { ...base, toolkit: { id: 'kit', fingerprint: changedQuantity } },
      { ...base, toolkit: { id: 'kit', fingerprint: changedClass } },
      { ...base, toolkit: { id: 'other', fingerprint: base.toolkit.fingerprint } },
      { ...base, confidence: 0.55 },
      { ...base, modelVersion: '1.0.1' },
    ].map(detectionCacheKey);
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
    expect(detectionCacheKey({ ...base })).toBe(key);
  });
});

describe('DetectionCache', () => {
  const analysis = {
    modelVersion: '1.0.0',
    detections: [{ class: 'hammer' }],
  } as unknown as CachedAnalysis;
  const config = { tools: { cacheTtlSeconds: 60 } } as AppConfig;
  const redis = (stored: Record<string, unknown> = {}) => ({
    get: vi.fn((name: string) => Promise.resolve(stored[name])),
    set: vi.fn((name: string, value: unknown) => Promise.resolve((stored[name] = value))),
    del: vi.fn((name: string) => Promise.resolve(delete stored[name])),
  });

  it('keeps a result it stored in memory, as a copy nobody can change, and writes it to Redis', async () => {
    const store = redis();
    const cache = new DetectionCache(store as unknown as Cache, config);
    await cache.set(base, analysis);

    const hit = cache.fromMemory(base);

    expect(hit).toEqual(analysis);
    expect(hit).not.toBe(analysis);
    expect(Object.isFrozen(hit?.detections)).toBe(true);
    expect(store.get).not.toHaveBeenCalled();
    expect(store.set).toHaveBeenCalledWith(detectionCacheKey(base), analysis, 60_000);
  });

  it('reads a result another process stored from Redis, then keeps it in memory', async () => {
    const store = redis({ [detectionCacheKey(base)]: analysis });
    const cache = new DetectionCache(store as unknown as Cache, config);

    expect(cache.fromMemory(base)).toBeUndefined();
    expect(await cache.fromRedis(base)).toEqual(analysis);
    expect(cache.fromMemory(base)).toEqual(analysis);
    expect(await cache.fromRedis({ ...base, confidence: 0.6 })).toBeUndefined();
    expect(store.get).toHaveBeenCalledTimes(2);
  });

  it('takes a failed Redis read for a miss', async () => {
    const store = { ...redis(), get: vi.fn(() => Promise.reject(new Error('connection lost'))) };
    const cache = new DetectionCache(store as unknown as Cache, config);
    expect(await cache.fromRedis(base)).toBeUndefined();
  });

  it('drops a result from memory and Redis', async () => {
    const stored: Record<string, unknown> = {};
    const cache = new DetectionCache(redis(stored) as unknown as Cache, config);
    await cache.set(base, analysis);

    await cache.delete(base);

    expect(cache.fromMemory(base)).toBeUndefined();
    expect(stored).toEqual({});
  });
});
