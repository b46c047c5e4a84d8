import { describe, expect, it } from 'vitest';
import { mapBoxToSource } from './box-mapping';
import { computeLetterbox } from './letterbox';

describe('mapBoxToSource', () => {
  // 1280x720 into 640x640: ratio 0.5, 140 grey rows on top.
  const landscape = computeLetterbox({ width: 1280, height: 720 }, { width: 640, height: 640 });

  it('removes the padding and undoes the scaling', () => {
    expect(mapBoxToSource({ x1: 100, y1: 150, x2: 300, y2: 400 }, landscape)).toEqual({
      x1: 200,
      y1: 20,
      x2: 600,
      y2: 520,
    });
  });

  it('clips boxes that reach into the padding or past the edge', () => {
    expect(mapBoxToSource({ x1: -5, y1: 100, x2: 650, y2: 520 }, landscape)).toEqual({
      x1: 0,
      y1: 0,
      x2: 1280,
      y2: 720,
    });
  });

  it('uses the horizontal padding of a portrait image', () => {
    // 100x300 into 640x640: ratio 640/300, resized to 213x640, 213 columns of padding on the left.
    const portrait = computeLetterbox({ width: 100, height: 300 }, { width: 640, height: 640 });

    const mapped = mapBoxToSource({ x1: 213, y1: 0, x2: 426, y2: 320 }, portrait);

    expect(mapped.x1).toBe(0);
    expect(mapped.y1).toBe(0);
    expect(mapped.x2).toBeCloseTo(99.84375, 10);
    expect(mapped.y2).toBeCloseTo(150, 10);
  });

  it('is the identity when no letterboxing was needed', () => {
    const same = computeLetterbox({ width: 640, height: 640 }, { width: 640, height: 640 });
    const box = { x1: 1.5, y1: 2.25, x2: 600.75, y2: 639 };

    expect(mapBoxToSource(box, same)).toEqual(box);
  });

  it('collapses a box lying wholly in the padding onto the border', () => {
    expect(mapBoxToSource({ x1: 10, y1: 0, x2: 20, y2: 100 }, landscape)).toEqual({
      x1: 20,
      y1: 0,
      x2: 40,
      y2: 0,
    });
  });
});
