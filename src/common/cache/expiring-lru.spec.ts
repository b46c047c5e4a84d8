import { describe, expect, it } from 'vitest';
import { ExpiringLru } from './expiring-lru';

describe('ExpiringLru', () => {
  it('answers a key until its time is up', () => {
    let now = 1000;
    const lru = new ExpiringLru<string>(10, 500, () => now);
    lru.set('a', 'one');

    now = 1499;
    expect(lru.get('a')).toBe('one');
    now = 1500;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('drops the least recently used entry past maxEntries', () => {
    const lru = new ExpiringLru<number>(2, 60_000);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);

    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });

  it('restarts the time of a key set again', () => {
    let now = 0;
    const lru = new ExpiringLru<number>(2, 100, () => now);
    lru.set('a', 1);
    now = 90;
    lru.set('a', 2);
    now = 150;

    expect(lru.get('a')).toBe(2);
  });

  it('forgets one key or all of them', () => {
    const lru = new ExpiringLru<number>(3, 100, () => 0);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      lru.set(key, value);
    lru.delete('b');
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
    lru.clear();
    expect([lru.get('a'), lru.size]).toEqual([undefined, 0]);
  });
});
