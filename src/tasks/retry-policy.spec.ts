import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { failureOf, retryDelay } from './retry-policy';
import { TaskFailure } from './task-failure';

const limits = { attempts: 3, backoffMs: 1000, backoffMaxMs: 60_000 };
const attempt = (n: number) => ({ attemptsMade: n - 1 });

describe('retry policy', () => {
  it('lets BullMQ retry a connection error on every attempt it has', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(failureOf(attempt(10), down, limits)).toBe(down);
  });

  it('fails a data error at once, with a reason free of SQL', () => {
    const overflow = Object.assign(new Error('insert into "x" values (1) - out of range'), {
      code: '22008',
    });
    const failure = failureOf(attempt(1), overflow, limits);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toBe('database error (22008 datetime field overflow)');
  });

  it('retries an unknown error QUEUE_DEFAULT_ATTEMPTS times, then stops', () => {
    const odd = new Error('odd');
    expect(failureOf(attempt(1), odd, limits)).toBe(odd);
    expect(failureOf(attempt(2), odd, limits)).toBe(odd);
    expect(failureOf(attempt(3), odd, limits)).toBeInstanceOf(UnrecoverableError);
  });

  it('keeps a TaskFailure as it is', () => {
    const failure = new TaskFailure('3 invalid rows', { rows: [] });
    expect(failureOf(attempt(1), failure, limits)).toBe(failure);
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 7, 20].map((n) => retryDelay(n, limits))).toEqual([
      1000, 2000, 4000, 60_000, 60_000,
    ]);
  });
});
