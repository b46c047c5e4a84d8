import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './round-half-even';

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [-0.5, 0],
    [-1.5, -2],
    [-2.5, -2],
    [212.5, 212],
    [213.5, 214],
  ])('rounds the tie %d to the even neighbour %d', (input, expected) => {
    expect(roundHalfEven(input)).toBe(expected);
  });

  it.each([
    [79.4, 79],
    [79.6, 80],
    [2.4999999, 2],
    [2.5000001, 3],
    [-2.6, -3],
    [7, 7],
  ])('rounds the non-tie %d to the nearest integer %d', (input, expected) => {
    expect(roundHalfEven(input)).toBe(expected);
  });

  it('returns +0, never -0, for small negative values', () => {
    expect(Object.is(roundHalfEven(-0.1), 0)).toBe(true);
    expect(Object.is(roundHalfEven(-0), 0)).toBe(true);
  });

  it('rejects values that are not finite', () => {
    expect(() => roundHalfEven(Number.NaN)).toThrow(RangeError);
    expect(() => roundHalfEven(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
