import { describe, expect, it } from 'vitest';
import { boxArea, intersectionOverUnion } from './box';

describe('boxArea', () => {
  it('multiplies width by height', () => {
    expect(boxArea({ x1: 10, y1: 20, x2: 14, y2: 25 })).toBe(20);
  });

  it('is 0 for an inverted box', () => {
    expect(boxArea({ x1: 10, y1: 20, x2: 5, y2: 25 })).toBe(0);
  });
});

describe('intersectionOverUnion', () => {
  it('is 1 for identical boxes', () => {
    const box = { x1: 0, y1: 0, x2: 10, y2: 10 };
    expect(intersectionOverUnion(box, box)).toBe(1);
  });

  it('divides the overlap by the union', () => {
    // Overlap 5x10 = 50; union 100 + 100 - 50 = 150.
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    const b = { x1: 5, y1: 0, x2: 15, y2: 10 };
    expect(intersectionOverUnion(a, b)).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 for boxes that only touch along an edge', () => {
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    const b = { x1: 10, y1: 0, x2: 20, y2: 10 };
    expect(intersectionOverUnion(a, b)).toBe(0);
  });

  it('is the area ratio when one box contains the other', () => {
    const outer = { x1: 0, y1: 0, x2: 10, y2: 10 };
    const inner = { x1: 2, y1: 2, x2: 7, y2: 7 };
    expect(intersectionOverUnion(outer, inner)).toBe(0.25);
  });
});
