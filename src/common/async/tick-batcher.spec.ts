import { describe, expect, it, vi } from 'vitest';
import { TickBatcher } from './tick-batcher';

describe('TickBatcher', () => {
  it('runs the items submitted in one turn as one batch, each caller getting its own result', async () => {
    const run = vi.fn((items: number[]) => Promise.resolve(items.map((n) => n * 10)));
    const batcher = new TickBatcher(run);
    const results = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith([1, 2, 3]);
  });

  it('starts a new batch for items submitted after the first one was sent', async () => {
    const run = vi.fn((items: number[]) => Promise.resolve(items));
    const batcher = new TickBatcher(run);
    await Promise.all([batcher.submit(1), batcher.submit(2)]);
    await batcher.submit(3);
    expect(run.mock.calls).toEqual([[[1, 2]], [[3]]]);
  });

  it('never sends more than the largest batch at once', async () => {
    const run = vi.fn((items: number[]) => Promise.resolve(items));
    const batcher = new TickBatcher(run, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(run.mock.calls.map(([items]) => items)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the caller whose item the batch could not take: the others are run again alone', async () => {
    const run = vi.fn((items: string[]) =>
      items.includes('bad') ? Promise.reject(new Error('bad row')) : Promise.resolve(items),
    );
    const batcher = new TickBatcher(run);
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((s) => batcher.submit(s)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('bad row') },
      { status: 'fulfilled', value: 'c' },
    ]);
    expect(run.mock.calls.map(([items]) => items)).toEqual([
      ['a', 'bad', 'c'],
      ['a'],
      ['bad'],
      ['c'],
    ]);
  });

  it('rejects every caller when a batch answers the wrong number of results', async () => {
    const batcher = new TickBatcher((items: number[]) => Promise.resolve(items.slice(1)));
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
