import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeferredStarts } from './deferred-starts';

describe('DeferredStarts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes a start once its delay has passed', () => {
    const starts = new DeferredStarts(200);
    const write = vi.fn();
    starts.defer('job-1', write);
    vi.advanceTimersByTime(199);
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(write).toHaveBeenCalledTimes(1);
    expect(starts.size).toBe(0);
  });

  it('never writes the start of a job that ended first', () => {
    const starts = new DeferredStarts(200);
    const write = vi.fn();
    starts.defer('job-1', write);
    starts.drop('job-1');
    vi.advanceTimersByTime(1000);
    expect(write).not.toHaveBeenCalled();
  });

  it('writes a start at once when asked (the job reports progress), and only once', () => {
    const starts = new DeferredStarts(200);
    const write = vi.fn();
    starts.defer('job-1', write);
    starts.now('job-1');
    vi.advanceTimersByTime(1000);
    starts.now('job-1');
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('keeps one waiting start per job: a new attempt replaces the old one', () => {
    const starts = new DeferredStarts(200);
    const first = vi.fn();
    const second = vi.fn();
    starts.defer('job-1', first);
    starts.defer('job-1', second);
    vi.advanceTimersByTime(200);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
