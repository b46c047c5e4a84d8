import { describe, expect, it } from 'vitest';
import { boxBlur } from './box-blur';

describe('boxBlur', () => {
  it('returns a copy for radius 0', () => {
    const values = Float32Array.of(1, 2, 3, 4);

    const blurred = boxBlur(values, 2, 2, 0);

    expect(blurred).toEqual(values);
    expect(blurred).not.toBe(values);
  });

  it('keeps a constant grid constant, borders included', () => {
    const blurred = boxBlur(new Float32Array(20).fill(0.4), 5, 4, 2);

    for (const value of blurred) {
      expect(value).toBeCloseTo(0.4, 6);
    }
  });

  it('spreads a spike over a (2r + 1) square', () => {
    const values = new Float32Array(25);
    values[12] = 9;

    const blurred = boxBlur(values, 5, 5, 1);

    expect(Array.from(blurred).map((value) => Math.round(value * 1000) / 1000)).toEqual([
      0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('averages only the values inside the grid at a border', () => {
    const blurred = boxBlur(Float32Array.of(0, 3, 6), 3, 1, 1);

    expect(Array.from(blurred)).toEqual([1.5, 3, 4.5]);
  });
});
