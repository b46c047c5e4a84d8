import { describe, expect, it } from 'vitest';
import { detectionCacheKey, type DetectionCacheKey } from './detection-cache';
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
