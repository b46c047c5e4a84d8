import { describe, expect, it } from 'vitest';
import { RateLimitStore, type RateLimitCount, type RateLimitRedis } from './rate-limit-store';

/** A Redis whose script calls wait until the test answers them. */
const fakeRedis = () => {
  const calls: {
    args: unknown[];
    answer(hits: number, resetMs?: number): void;
    fail(error: Error): void;
  }[] = [];
  const redis = {
    rateLimitConsume: (...args: unknown[]) =>
      new Promise((resolve, reject) =>
        calls.push({
          args,
          answer: (hits, resetMs = 60_000) => resolve([hits, resetMs, 0, 0]),
          fail: reject,
        }),
      ),
  } as unknown as RateLimitRedis;
  return { calls, store: new RateLimitStore(redis) };
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RateLimitStore', () => {
  it('counts the requests of a caller that arrive during a round trip with one INCRBY, each at its own position', async () => {
    const { calls, store } = fakeRedis();
    const counts: number[] = [];
    const record = (_e: unknown, count?: RateLimitCount) => counts.push(count!.hits);
    store.consume('k', 60_000, null, record);
    store.consume('k', 60_000, null, record);
    store.consume('k', 60_000, null, record);
    store.consume('other', 60_000, 'f', record);
    expect(calls.map((c) => c.args)).toEqual([
      ['k', 'k', 60_000, '0', 1],
      ['other', 'f', 60_000, '1', 1],
    ]);
    calls[0].answer(1);
    await tick();
    expect(calls[2].args).toEqual(['k', 'k', 60_000, '0', 2]);
    calls[2].answer(3);
    calls[1].answer(1);
    await tick();
    expect(counts).toEqual([1, 2, 3, 1]);
  });

  it('hands a failure to every request of the round trip and goes on with the next', async () => {
    const { calls, store } = fakeRedis();
    const errors: unknown[] = [];
    store.consume('k', 1000, null, (e) => errors.push(e));
    store.consume('k', 1000, null, (e) => errors.push(e));
    calls[0].fail(new Error('Command timed out'));
    await tick();
    expect(errors).toHaveLength(1);
    calls[1].fail(new Error('Command timed out'));
    await tick();
    expect(errors).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('estimates a caller from its last count plus its requests on the way, until its window ends', async () => {
    const { calls, store } = fakeRedis();
    const done = () => undefined;
    expect(store.estimate('k', null)).toBeNull();
    store.consume('k', 60_000, null, done);
    expect(store.estimate('k', null)).toBeNull(); // nothing heard yet
    calls[0].answer(7, 50); // other replicas had counted 6
    await tick();
    expect(store.estimate('k', null)).toMatchObject({ hits: 7 });
    store.consume('k', 60_000, null, done);
    store.consume('k', 60_000, null, done);
    expect(store.estimate('k', null)).toMatchObject({ hits: 9 });
    expect(store.estimate('k', 'f')).toBeNull(); // another id: the failure counter is part of it
    calls[1].answer(8, 50); // the first of the two; the second is on its way in the next round trip
    await tick();
    expect(store.estimate('k', null)).toMatchObject({ hits: 9 });
    calls[2].answer(9, 50);
    await tick();
    expect(store.estimate('k', null)).toMatchObject({ hits: 9 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.estimate('k', null)).toBeNull(); // the window is over
  });

  it('forgets what it heard of a caller when Redis fails', async () => {
    const { calls, store } = fakeRedis();
    store.consume('k', 60_000, null, () => undefined);
    calls[0].answer(1);
    await tick();
    store.consume('k', 60_000, null, () => undefined);
    calls[1].fail(new Error('Command timed out'));
    await tick();
    expect(store.estimate('k', null)).toBeNull();
  });

  it('sends a count nobody waits for later, with the next ones, unless a waited-for count comes', async () => {
    const { calls, store } = fakeRedis();
    const done = () => undefined;
    store.consume('k', 60_000, null, done, 10);
    store.consume('k', 60_000, null, done, 10);
    expect(calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((c) => c.args[4])).toEqual([2]);
    calls[0].answer(2);
    await tick();

    store.consume('k', 60_000, null, done, 10);
    store.consume('k', 60_000, null, done); // waited for: goes now, with the one before
    expect(calls.map((c) => c.args[4])).toEqual([2, 2]);
  });

  it('sends counts still waiting to go out when the application shuts down', async () => {
    const { calls, store } = fakeRedis();
    Object.assign(store['redis'], { quit: async () => 'OK' });
    store.consume('k', 60_000, null, () => undefined, 60_000);
    await store.onApplicationShutdown();
    expect(calls.map((c) => c.args[4])).toEqual([1]);
  });
});
