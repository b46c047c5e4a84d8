import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, DurableWrites } from './durable-writes';

const down = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

const writes = (overrides: Partial<ConstructorParameters<typeof DurableWrites>[0]> = {}) => {
  const onGiveUp = vi.fn();
  const onRetry = vi.fn();
  const durable = new DurableWrites({
    baseDelayMs: 1,
    maxDelayMs: 4,
    unknownErrorRetries: 2,
    onGiveUp,
    onRetry,
    ...overrides,
  });
  return { durable, onGiveUp, onRetry };
};

describe('DurableWrites', () => {
  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => backoffDelay(n, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('retries a write while the database is down and writes it once it is back, never rejecting', async () => {
    const { durable, onRetry, onGiveUp } = writes();
    let databaseUp = false;
    const written: string[] = [];
    const done = durable.run('task-1', async () => {
      if (!databaseUp) throw down();
      written.push('failed');
    });
    await vi.waitFor(() => expect(onRetry.mock.calls.length).toBeGreaterThanOrEqual(5));
    expect(written).toEqual([]);
    databaseUp = true;
    await expect(done).resolves.toBeUndefined();
    expect(written).toEqual(['failed']);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('keeps the order of one key: a later write waits for the earlier one to succeed', async () => {
    const { durable } = writes();
    const order: string[] = [];
    let failures = 3;
    const first = durable.run('k', async () => {
      if (failures-- > 0) throw down();
      order.push('completed');
    });
    const second = durable.run('k', async () => {
      order.push('progress');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['completed', 'progress']);
    expect(durable.pending).toBe(0);
  });

  it('gives up a write that fails permanently, or keeps failing for an unknown reason', async () => {
    const { durable, onGiveUp } = writes();
    const permanent = Object.assign(new Error('out of range'), { code: '22008' });
    await durable.run('a', () => Promise.reject(permanent));
    expect(onGiveUp).toHaveBeenCalledWith('a', permanent);
    let calls = 0;
    await durable.run('b', () => {
      calls++;
      return Promise.reject(new TypeError('bug'));
    });
    expect(calls).toBe(3);
    expect(onGiveUp).toHaveBeenCalledTimes(2);
  });
});
