import { describe, expect, it } from 'vitest';
import { RecentBodies } from './recent-bodies';

const body = (bytes: number) => Buffer.alloc(bytes);

describe('RecentBodies', () => {
  it('returns what was stored until it expires', () => {
    let now = 0;
    const recent = new RecentBodies(100, () => now);
    recent.set('a', body(10), 5);
    expect(recent.get('a')).toHaveLength(10);
    now = 4_999;
    expect(recent.get('a')).not.toBeNull();
    now = 5_000;
    expect(recent.get('a')).toBeNull();
    expect(recent.size).toBe(0);
  });

  it('keeps at most maxBytes, dropping the least recently used first', () => {
    const recent = new RecentBodies(30, () => 0);
    recent.set('a', body(10), 60);
    recent.set('b', body(10), 60);
    recent.set('c', body(10), 60);
    recent.get('a'); // b is now the least recently used
    recent.set('d', body(10), 60);
    expect(recent.get('b')).toBeNull();
    expect(['a', 'c', 'd'].map((k) => recent.get(k) !== null)).toEqual([true, true, true]);
    recent.set('a', body(25), 60); // replacing an entry counts its new size only
    expect(recent.size).toBe(1);
    expect(recent.get('a')).toHaveLength(25);
  });

  it('never keeps a body larger than the whole budget', () => {
    const recent = new RecentBodies(30, () => 0);
    recent.set('big', body(31), 60);
    expect(recent.get('big')).toBeNull();
  });
});
