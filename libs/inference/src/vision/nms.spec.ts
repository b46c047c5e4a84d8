import { describe, expect, it } from 'vitest';
import { classWiseNms, type NmsCandidate } from './nms';

function candidate(
  classIndex: number,
  score: number,
  x1: number,
  y1: number,
  size = 10,
): NmsCandidate {
  return { classIndex, score, box: { x1, y1, x2: x1 + size, y2: y1 + size } };
}

describe('classWiseNms', () => {
  it('keeps the best of overlapping boxes of one class, sorted by score', () => {
    const candidates = [
      candidate(0, 0.6, 1, 0), // IoU with #1 = 90/110 = 0.82 -> suppressed
      candidate(0, 0.9, 0, 0),
      candidate(0, 0.7, 50, 50), // far away -> kept
    ];

    expect(classWiseNms(candidates)).toEqual([1, 2]);
  });

  it('never lets a box suppress a box of another class', () => {
    const candidates = [candidate(0, 0.9, 0, 0), candidate(1, 0.8, 0, 0), candidate(0, 0.7, 0, 0)];

    expect(classWiseNms(candidates)).toEqual([0, 1]);
  });

  it('suppresses only above the IoU threshold, not at it', () => {
    // Shift 5 of 10: overlap 50, union 150, IoU exactly 1/3.
    const pair = [candidate(0, 0.9, 0, 0), candidate(0, 0.8, 5, 0)];

    expect(classWiseNms(pair, { iouThreshold: 1 / 3 })).toEqual([0, 1]);
    expect(classWiseNms(pair, { iouThreshold: 0.33 })).toEqual([0]);
  });

  it('compares only with kept boxes, so a suppressed box suppresses nothing', () => {
    // #1 overlaps #0 (suppressed); #2 overlaps #1 but not #0, so #2 survives.
    const chain = [candidate(0, 0.9, 0, 0), candidate(0, 0.8, 4, 0), candidate(0, 0.7, 8, 0)];

    expect(classWiseNms(chain, { iouThreshold: 0.4 })).toEqual([0, 2]);
  });

  it('stops at maxDetections, keeping the highest scores', () => {
    const spread = [candidate(0, 0.5, 0, 0), candidate(1, 0.9, 100, 0), candidate(2, 0.7, 200, 0)];

    expect(classWiseNms(spread, { maxDetections: 2 })).toEqual([1, 2]);
  });

  it('breaks score ties by input order', () => {
    const tied = [candidate(0, 0.8, 100, 0), candidate(0, 0.8, 0, 0), candidate(0, 0.8, 1, 0)];

    expect(classWiseNms(tied)).toEqual([0, 1]);
  });

  it('returns nothing for no candidates', () => {
    expect(classWiseNms([])).toEqual([]);
  });

  it('rejects invalid options', () => {
    expect(() => classWiseNms([], { iouThreshold: 1.2 })).toThrow(RangeError);
    expect(() => classWiseNms([], { maxDetections: 0 })).toThrow(RangeError);
    expect(() => classWiseNms([], { maxDetections: 2.5 })).toThrow(RangeError);
  });
});
