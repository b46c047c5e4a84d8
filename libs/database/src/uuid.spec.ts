import { describe, expect, it } from 'vitest';
import { isUuid, newId, timestampOfUuidV7 } from './uuid';

const nibble = (id: string, index: number): number => parseInt(id.replace(/-/g, '')[index], 16);

describe('newId (UUIDv7, RFC 9562)', () => {
  it('sets version 7 and variant 10', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newId();
      expect(isUuid(id)).toBe(true);
      expect(nibble(id, 12)).toBe(7);
      expect(nibble(id, 16) >> 2).toBe(0b10);
    }
  });

  it('encodes the current Unix time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ts = timestampOfUuidV7(id).getTime();
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
  });

  it('is strictly increasing in generation order, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects strings that are not UUIDs', () => {
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('0190a8b0-0000-7000-8000-00000000000')).toBe(false);
  });
});
