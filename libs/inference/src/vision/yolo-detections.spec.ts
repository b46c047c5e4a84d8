import { describe, expect, it } from 'vitest';
import { computeLetterbox } from './letterbox';
import { detectionsFromYoloOutput } from './yolo-detections';
import { yoloOutput } from './yolo-output.fixture';

describe('detectionsFromYoloOutput', () => {
  // A 1280x720 photo letterboxed to 640x640: ratio 0.5, 140 rows of padding on top.
  const letterbox = computeLetterbox({ width: 1280, height: 720 }, { width: 640, height: 640 });
  const classNames = ['hammer', 'wrench'];
  const { data, dims } = yoloOutput([
    { cx: 200, cy: 240, w: 100, h: 80, scores: [0.875, 0.125] }, // hammer
    { cx: 202, cy: 240, w: 100, h: 80, scores: [0.75, 0.125] }, // same hammer, lower score
    { cx: 200, cy: 240, w: 100, h: 80, scores: [0.125, 0.625] }, // wrench on the same spot
    { cx: 500, cy: 400, w: 40, h: 40, scores: [0.5625, 0.25] }, // weak hammer elsewhere
    { cx: 320, cy: 320, w: 10, h: 10, scores: [0.25, 0.25] }, // background
  ]);

  it('decodes, suppresses duplicates per class and maps boxes to the photo', () => {
    expect(
      detectionsFromYoloOutput(data, dims, letterbox, { confidence: 0.5, classNames }),
    ).toEqual([
      {
        classIndex: 0,
        className: 'hammer',
        score: 0.875,
        box: { x1: 300, y1: 120, x2: 500, y2: 280 },
      },
      {
        classIndex: 1,
        className: 'wrench',
        score: 0.625,
        box: { x1: 300, y1: 120, x2: 500, y2: 280 },
      },
      {
        classIndex: 0,
        className: 'hammer',
        score: 0.5625,
        box: { x1: 960, y1: 480, x2: 1040, y2: 560 },
      },
    ]);
  });

  it('raises the bar for a class with its own threshold, never lowers it below the request', () => {
    const strictHammer = detectionsFromYoloOutput(data, dims, letterbox, {
      confidence: 0.5,
      classNames,
      classThresholds: { hammer: 0.8, wrench: 0.1 },
    });
    expect(strictHammer.map((d) => [d.className, d.score])).toEqual([
      ['hammer', 0.875],
      ['wrench', 0.625],
    ]);
  });

  it('honours the IoU threshold and the detection cap', () => {
    // The two hammers overlap with IoU 98/102 ≈ 0.96; at 0.97 both stay.
    const loose = detectionsFromYoloOutput(data, dims, letterbox, {
      confidence: 0.5,
      iouThreshold: 0.97,
      maxDetections: 2,
    });
    expect(loose.map((d) => d.score)).toEqual([0.875, 0.75]);
  });

  it('names classes without a name by index', () => {
    const unnamed = detectionsFromYoloOutput(data, dims, letterbox, { confidence: 0.8 });
    expect(unnamed.map((d) => d.className)).toEqual(['class0']);
  });
});
