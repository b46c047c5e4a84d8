import { describe, expect, it } from 'vitest';
import { DashboardStateMemo } from './dashboard-state-memo';

const state = (generation: string) => ({ generation, ownerId: 'owner' });

describe('DashboardStateMemo', () => {
  const memoAt = (clock: { now: number }, maxEntries = 10) => {
    const memo = new DashboardStateMemo(1000, maxEntries, () => clock.now);
    memo.up();
    return memo;
  };

  it('remembers a state read while nothing changed, until it expires', () => {
    const clock = { now: 0 };
    const memo = memoAt(clock);
    memo.remember('a', state('g1'), memo.begin());
    expect(memo.get('a')).toEqual(state('g1'));
    clock.now = 999;
    expect(memo.get('a')).toEqual(state('g1'));
    clock.now = 1000;
    expect(memo.get('a')).toBeNull();
  });

  it('forgets dropped dashboards and does not keep a read that raced a drop', () => {
    const memo = memoAt({ now: 0 });
    memo.remember('a', state('g1'), memo.begin());
    memo.remember('b', state('g1'), memo.begin());
    const token = memo.begin();
    memo.drop(['a']);
    expect(memo.get('a')).toBeNull();
    expect(memo.get('b')).toEqual(state('g1'));
    memo.remember('a', state('g1'), token);
    expect(memo.get('a')).toBeNull();
    memo.remember('a', state('g2'), memo.begin());
    expect(memo.get('a')).toEqual(state('g2'));
  });

  it('holds nothing while the channel is down, nor a read begun before it came back', () => {
    const memo = new DashboardStateMemo(1000, 10, () => 0);
    memo.remember('a', state('g1'), memo.begin());
    expect(memo.get('a')).toBeNull();
    const early = memo.begin();
    memo.up();
    memo.remember('a', state('g1'), early);
    expect(memo.get('a')).toBeNull();
    memo.remember('a', state('g1'), memo.begin());
    expect(memo.get('a')).toEqual(state('g1'));
    memo.down();
    expect(memo.get('a')).toBeNull();
    memo.up();
    expect(memo.get('a')).toBeNull();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const memo = memoAt({ now: 0 }, 2);
    for (const id of ['a', 'b', 'c']) memo.remember(id, state(id), memo.begin());
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([null, state('b'), state('c')]);
  });
});
