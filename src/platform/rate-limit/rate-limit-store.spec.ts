import { describe, expect, it } from 'vitest';
import { RateLimitStore, type RateLimitCount, type RateLimitRedis } from './rate-limit-store';

/** A Redis whose script calls wait until the test answers them. */
const fakeRedis = () => {
  const calls: { args: unknown[]; answer(hits: number): void; fail(error: Error): void }[] = [];
  const redis = {
    rateLimitConsume: (...args: unknown[]) =>
      new Promise((resolve, reject) =>
        calls.push({
          args,
          answer: (hits) => resolve([hits, 60_000, 0, 0]),
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
});
