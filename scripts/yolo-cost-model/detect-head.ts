import { intAttribute, intsAttribute } from '@app/inference';
import type { YoloGraphWriter } from './yolo-graph-writer';

/** One feature map the Detect head reads: its tensor, channels, stride and side (square input). */
export interface DetectLevel {
  readonly input: string;
  readonly channels: number;
  readonly stride: number;
  readonly size: number;
}

/**
 * Ultralytics `Detect(nc, ch)` as exported (no NMS): per level, a box branch (Conv 3x3, Conv 3x3, Conv2d 1x1 to
 * 4 x regMax) and a class branch (Conv 3x3, Conv 3x3, Conv2d 1x1 to nc), concatenated and flattened; the levels
 * concatenated along the anchors; DFL (softmax over the regMax bins, expectation by a fixed 1x1 conv) and
 * dist2bbox (x, y, w, h around the grid-cell centres, times the stride), beside the sigmoid of the class logits.
 * Returns [1, 4 + nc, anchors].
 */
export function detectHead(
  w: YoloGraphWriter,
  levels: readonly DetectLevel[],
  classes: number,
  regMax: number,
  name: string,
): string {
  const first = levels[0].channels;
  const boxChannels = Math.max(16, Math.floor(first / 4), regMax * 4);
  const classChannels = Math.max(first, Math.min(classes, 100));
  const outputs = 4 * regMax + classes;
  const flat = levels.map(({ input, channels, size }, i) => {
    const branch = (tag: string, hidden: number, out: number) => {
      const a = w.conv(input, channels, hidden, 3, 1, `${name}/${tag}.${i}.0`);
      const b = w.conv(a, hidden, hidden, 3, 1, `${name}/${tag}.${i}.1`);
      return w.conv2d(b, hidden, out, 1, 1, `${name}/${tag}.${i}.2`);
    };
    const box = branch('cv2', boxChannels, 4 * regMax);
    const cls = branch('cv3', classChannels, classes);
    const level = w.concat([box, cls], 1, `${name}/Concat_${i}`);
    return w.reshape(level, [1, outputs, size * size], `${name}/Reshape_${i}`);
  });
  const anchors = levels.reduce((sum, level) => sum + level.size * level.size, 0);
  const all = w.concat(flat, 2, `${name}/Concat_anchors`);
  const [distribution, logits] = w.split(all, [4 * regMax, classes], 1, `${name}/Split`);
  const distances = dfl(w, distribution, regMax, anchors, `${name}/dfl`);
  const boxes = dist2bbox(w, distances, levels, `${name}/dist2bbox`);
  const scores = w.g.op('Sigmoid', [logits], `${name}/Sigmoid`);
  return w.concat([boxes, scores], 1, `${name}/Concat_output`);
}

/** DFL: [1, 4 x regMax, A] -> [1, 4, A], each side the expectation of a softmax over bins 0..regMax-1. */
function dfl(
  w: YoloGraphWriter,
  input: string,
  regMax: number,
  anchors: number,
  name: string,
): string {
  const bins = w.reshape(input, [1, 4, regMax, anchors], `${name}/Reshape`);
  const binsFirst = w.g.op('Transpose', [bins], `${name}/Transpose`, [
    intsAttribute('perm', [0, 2, 1, 3]),
  ]);
  const softmax = w.g.op('Softmax', [binsFirst], `${name}/Softmax`, [intAttribute('axis', 1)]);
  const bin = Array.from({ length: regMax }, (_, i) => i);
  const expectation = w.fixedConv1x1(softmax, bin, regMax, `${name}/conv`);
  return w.reshape(expectation, [1, 4, anchors], `${name}/Reshape_out`);
}

/** Distances (left, top, right, bottom) from the cell centres, in cells -> cx, cy, w, h in input pixels. */
function dist2bbox(
  w: YoloGraphWriter,
  distances: string,
  levels: readonly DetectLevel[],
  name: string,
): string {
  const xs: number[] = [];
  const ys: number[] = [];
  const strides: number[] = [];
  for (const { size, stride } of levels) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        xs.push(x + 0.5);
        ys.push(y + 0.5);
        strides.push(stride);
      }
    }
  }
  const anchorPoints = w.g.floats(`${name}.anchors`, [...xs, ...ys], [1, 2, xs.length]);
  const [lt, rb] = w.split(distances, [2, 2], 1, `${name}/Split`);
  const topLeft = w.g.op('Sub', [anchorPoints, lt], `${name}/Sub`);
  const bottomRight = w.g.op('Add', [anchorPoints, rb], `${name}/Add`);
  const centre = w.g.op(
    'Div',
    [w.g.op('Add', [topLeft, bottomRight], `${name}/Add_1`), w.g.scalar(`${name}.two`, 2)],
    `${name}/Div`,
  );
  const size = w.g.op('Sub', [bottomRight, topLeft], `${name}/Sub_1`);
  const cells = w.concat([centre, size], 1, `${name}/Concat`);
  const strideRow = w.g.floats(`${name}.strides`, strides, [1, strides.length]);
  return w.g.op('Mul', [cells, strideRow], `${name}/Mul`);
}
