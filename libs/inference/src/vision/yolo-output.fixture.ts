import type { YoloOutputTensor } from './yolo-output-decoder';

/** One anchor of a hand-built YOLO output: box centre and size, then one score per class. */
export interface AnchorFixture {
  readonly cx: number;
  readonly cy: number;
  readonly w: number;
  readonly h: number;
  readonly scores: readonly number[];
}

/** Lays anchors out channels-first, `[batch, 4 + classes, anchors]`, as a YOLO export does. */
export function yoloOutput(...images: (readonly AnchorFixture[])[]): YoloOutputTensor {
  const anchors = images[0].length;
  const classes = images[0][0].scores.length;
  const rows = 4 + classes;
  const data = new Float32Array(images.length * rows * anchors);
  images.forEach((image, b) => {
    image.forEach((anchor, a) => {
      const values = [anchor.cx, anchor.cy, anchor.w, anchor.h, ...anchor.scores];
      values.forEach((value, k) => {
        data[(b * rows + k) * anchors + a] = value;
      });
    });
  });
  return { data, dims: [images.length, rows, anchors] };
}
