import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config';
import { deepFreeze } from '../../common/cache/deep-freeze';
import { TableCache } from './table-cache';
import type { TableChangeFeed } from './table-change-feed';

/** A feed whose generations the test moves by hand; `live` false is a lost LISTEN connection. */
class FakeFeed {
  live = true;
  generation = 0;
  stamp(): string | null {
    return this.live ? String(this.generation) : null;
  }
}

const cacheWith = (feed: FakeFeed, tableSeconds = 60, tableEntries = 100) =>
  new TableCache(
    feed as unknown as TableChangeFeed,
    {
      cache: { ttlSeconds: 300, tableSeconds, tableEntries },
    } as AppConfig,
  );

describe('TableCache', () => {
  it('computes once per key while the tables stay the same, again after a change', async () => {
    const feed = new FakeFeed();
    const cache = cacheWith(feed);
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    expect(await cache.read(['t'], 'a', compute)).toEqual({ n: 1 });
    expect(await cache.read(['t'], 'a', compute)).toEqual({ n: 1 });
    expect(await cache.read(['t'], 'b', compute)).toEqual({ n: 2 });
    feed.generation++;
    expect(await cache.read(['t'], 'a', compute)).toEqual({ n: 3 });
  });

  it('does not keep an answer computed while its table changed', async () => {
    const feed = new FakeFeed();
    const cache = cacheWith(feed);
    let calls = 0;
    await cache.read(['t'], 'a', async () => {
      feed.generation++;
      return ++calls;
    });
    expect(await cache.read(['t'], 'a', async () => ++calls)).toBe(2);
    expect(await cache.read(['t'], 'a', async () => ++calls)).toBe(2);
  });

  it('always computes while changes cannot be heard, or when turned off', async () => {
    const feed = new FakeFeed();
    feed.live = false;
    let calls = 0;
    const lost = cacheWith(feed);
    await lost.read(['t'], 'a', async () => ++calls);
    expect(await lost.read(['t'], 'a', async () => ++calls)).toBe(2);
    const off = cacheWith(new FakeFeed(), 0);
    await off.read(['t'], 'a', async () => ++calls);
    expect(await off.read(['t'], 'a', async () => ++calls)).toBe(4);
  });

  it('evicts the oldest entry beyond the entry limit', async () => {
    const cache = cacheWith(new FakeFeed(), 60, 2);
    let calls = 0;
    for (const key of ['a', 'b', 'c']) await cache.read(['t'], key, async () => ++calls);
    expect(await cache.read(['t'], 'c', async () => ++calls)).toBe(3);
    expect(await cache.read(['t'], 'a', async () => ++calls)).toBe(4);
  });

  it('keeps values frozen all the way down', async () => {
    const cache = cacheWith(new FakeFeed());
    const page = await cache.read(['t'], 'a', async () => ({ items: [{ id: 'x' }] }));
    expect(Object.isFrozen(page)).toBe(true);
    expect(Object.isFrozen(page.items[0])).toBe(true);
    expect(deepFreeze(null)).toBeNull();
  });
});
