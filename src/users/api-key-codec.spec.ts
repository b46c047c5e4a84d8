import { describe, expect, it } from 'vitest';
import { apiKeyCodec } from './api-key-codec';

describe('apiKeyCodec', () => {
  it('generates distinct high-entropy keys with a stable prefix', () => {
    const a = apiKeyCodec.generate();
    const b = apiKeyCodec.generate();
    expect(a).toMatch(/^mlp_[A-Za-z0-9_-]{40}$/);
    expect(a).not.toEqual(b);
    expect(apiKeyCodec.prefixOf(a)).toBe(a.slice(0, 12));
  });

  it('hashes deterministically and compares hashes exactly', () => {
    const key = apiKeyCodec.generate();
    expect(apiKeyCodec.hashOf(key)).toEqual(apiKeyCodec.hashOf(key));
    expect(apiKeyCodec.hashOf(key)).toHaveLength(64);
    expect(apiKeyCodec.sameHash(apiKeyCodec.hashOf(key), apiKeyCodec.hashOf(key))).toBe(true);
    expect(apiKeyCodec.sameHash(apiKeyCodec.hashOf(key), apiKeyCodec.hashOf(`${key}x`))).toBe(
      false,
    );
    expect(apiKeyCodec.sameHash('abcd', 'abcdef')).toBe(false);
  });
});
