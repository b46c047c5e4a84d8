import { describe, expect, it } from 'vitest';
import { graceDelays } from './grace-delays';

describe('graceDelays', () => {
  it('doubles from the first wait and cuts the last one so that they add up to the grace time', () => {
    expect(graceDelays(2000, 10)).toEqual([10, 20, 40, 80, 160, 320, 640, 730]);
    expect(graceDelays(70, 10)).toEqual([10, 20, 40]);
    expect(graceDelays(5, 10)).toEqual([5]);
  });

  it('has no wait at all when there is no grace time', () => {
    expect(graceDelays(0, 10)).toEqual([]);
  });
});
