import { describe, expect, it } from 'vitest';
import { ExpiringLru } from './expiring-lru';

const bytes = (length: number) => Buffer.alloc(length);

describe('ExpiringLru', () => {
  it('answers a key until its time is up', () => {
    let now = 1000;
    const lru = new ExpiringLru<string>({ maxWeight: 10, ttlMs: 500, now: () => now });
    lru.set('a', 'one');

    now = 1499;
    expect(lru.get('a')).toBe('one');
    now = 1500;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('keeps an entry for the time its set names instead of the default', () => {
    let now = 0;
    const lru = new ExpiringLru<number>({ maxWeight: 10, ttlMs: 500, now: () => now });
    lru.set('short', 1, 100);
    lru.set('long', 2, 5_000);

    now = 600;
    expect([lru.get('short'), lru.get('long')]).toEqual([undefined, 2]);
  });

  it('drops the least recently used entry past maxWeight entries', () => {
    const lru = new ExpiringLru<number>({ maxWeight: 2, ttlMs: 60_000 });
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);

    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });

  it('weighs entries with weigh, dropping the least recently used until they fit', () => {
    const lru = new ExpiringLru<Buffer>({ maxWeight: 30, ttlMs: 60_000, weigh: (b) => b.length });
    for (const key of ['a', 'b', 'c']) lru.set(key, bytes(10));
    lru.get('a'); // b is now the least recently used
    lru.set('d', bytes(10));
    expect(['a', 'b', 'c', 'd'].map((k) => lru.get(k)?.length)).toEqual([10, undefined, 10, 10]);

    lru.set('a', bytes(25)); // replacing an entry counts its new weight only
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toHaveLength(25);
  });

  it('never keeps a value heavier than maxWeight, and drops the old value of its key', () => {
    const lru = new ExpiringLru<Buffer>({ maxWeight: 30, ttlMs: 60_000, weigh: (b) => b.length });
    lru.set('big', bytes(5));
    lru.set('big', bytes(31));
    expect([lru.get('big'), lru.size]).toEqual([undefined, 0]);
  });

  it('restarts the time of a key set again', () => {
    let now = 0;
    const lru = new ExpiringLru<number>({ maxWeight: 2, ttlMs: 100, now: () => now });
    lru.set('a', 1);
    now = 90;
    lru.set('a', 2);
    now = 150;

    expect(lru.get('a')).toBe(2);
  });

  it('forgets one key or all of them, and their weight with them', () => {
    const lru = new ExpiringLru<number>({ maxWeight: 3, ttlMs: 100, now: () => 0 });
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
    for (const key of ['x', 'y', 'z']) lru.set(key, 0);
    expect(lru.size).toBe(3);
  });
});
