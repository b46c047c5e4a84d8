import { describe, expect, it } from 'vitest';
import { ClassThresholds } from './class-thresholds';
import { decodeYoloOutput, yoloClassCount } from './yolo-output-decoder';
import { yoloOutput } from './yolo-output.fixture';

describe('decodeYoloOutput', () => {
  const output = yoloOutput([
    { cx: 100, cy: 50, w: 20, h: 10, scores: [0.75, 0.25] },
    { cx: 10, cy: 10, w: 4, h: 4, scores: [0.25, 0.375] },
    { cx: 300, cy: 200, w: 60, h: 30, scores: [0.125, 0.875] },
  ]);

  it('reads the channels-first layout and converts centre boxes to corners', () => {
    expect(decodeYoloOutput(output, { thresholds: 0.5 })).toEqual([
      { anchorIndex: 0, classIndex: 0, score: 0.75, box: { x1: 90, y1: 45, x2: 110, y2: 55 } },
      { anchorIndex: 2, classIndex: 1, score: 0.875, box: { x1: 270, y1: 185, x2: 330, y2: 215 } },
    ]);
  });

  it('keeps only scores strictly above the threshold', () => {
    const decoded = decodeYoloOutput(output, { thresholds: 0.75 });
    expect(decoded.map((c) => c.anchorIndex)).toEqual([2]);
  });

  it('keeps everything with a positive best score at threshold 0', () => {
    expect(decodeYoloOutput(output, { thresholds: 0 }).map((c) => c.anchorIndex)).toEqual([
      0, 1, 2,
    ]);
  });

  it('applies per-class thresholds to the best class only', () => {
    const custom = yoloOutput([
      { cx: 0, cy: 0, w: 2, h: 2, scores: [0.625, 0.9375] },
      { cx: 0, cy: 0, w: 2, h: 2, scores: [0.625, 0.25] },
      { cx: 0, cy: 0, w: 2, h: 2, scores: [0.25, 0.5] },
    ]);
    const thresholds = new ClassThresholds({
      floor: 0.375,
      perClass: { drill: 0.96875 },
      classNames: ['saw', 'drill'],
    });

    // Anchor 0's best class (drill, 0.9375) misses its 0.96875 threshold; its saw score does not
    // rescue it. Anchor 1 is a saw above the floor. Anchor 2 is a drill far below its threshold.
    expect(decodeYoloOutput(custom, { thresholds })).toEqual([
      { anchorIndex: 1, classIndex: 0, score: 0.625, box: { x1: -1, y1: -1, x2: 1, y2: 1 } },
    ]);
  });

  it('picks the first class when two classes tie', () => {
    const tie = yoloOutput([{ cx: 5, cy: 5, w: 2, h: 2, scores: [0.25, 0.75, 0.75] }]);
    expect(decodeYoloOutput(tie, { thresholds: 0.5 })[0].classIndex).toBe(1);
  });

  it('decodes the requested image of a batch', () => {
    const batch = yoloOutput(
      [{ cx: 1, cy: 1, w: 2, h: 2, scores: [0.75] }],
      [{ cx: 8, cy: 6, w: 4, h: 2, scores: [0.875] }],
    );

    expect(decodeYoloOutput(batch, { thresholds: 0.5, batchIndex: 1 })).toEqual([
      { anchorIndex: 0, classIndex: 0, score: 0.875, box: { x1: 6, y1: 5, x2: 10, y2: 7 } },
    ]);
    expect(() => decodeYoloOutput(batch, { thresholds: 0.5, batchIndex: 2 })).toThrow(RangeError);
  });

  it('rejects shapes that are not [batch, 4 + classes, anchors]', () => {
    expect(() => decodeYoloOutput({ data: [], dims: [1, 4, 0] }, { thresholds: 0.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      decodeYoloOutput({ data: new Float32Array(12), dims: [1, 6, 3] }, { thresholds: 0.5 }),
    ).toThrow(RangeError);
    expect(() =>
      decodeYoloOutput({ data: new Float32Array(18), dims: [6, 3] }, { thresholds: 0.5 }),
    ).toThrow(RangeError);
  });

  it('counts classes from the shape', () => {
    expect(yoloClassCount([1, 84, 8400])).toBe(80);
  });
});
