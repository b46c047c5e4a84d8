import type { Box } from './box';
import { ClassThresholds } from './class-thresholds';

/** The raw output of a YOLOv8/YOLO11 detector: `dims` = `[batch, 4 + classes, anchors]`. */
export interface YoloOutputTensor {
  readonly data: ArrayLike<number>;
  readonly dims: readonly number[];
}

/** One anchor whose best class score passed its threshold; box in letterboxed input pixels. */
export interface YoloCandidate {
  readonly anchorIndex: number;
  readonly classIndex: number;
  readonly score: number;
  readonly box: Box;
}

export interface YoloDecodeOptions {
  /** A uniform threshold, or per-class thresholds. Scores must be strictly greater to pass. */
  readonly thresholds: number | ClassThresholds;
  /** Which image of a batched output to decode (default 0). */
  readonly batchIndex?: number;
}

/** Number of classes in an output of shape `[batch, 4 + classes, anchors]`. */
export function yoloClassCount(dims: readonly number[]): number {
  return assertYoloDims(dims).classes;
}

/**
 * Decodes a channels-first YOLO output (rows: cx, cy, w, h, then one score per class; no
 * objectness). Each anchor takes its highest-scoring class (first one on ties) and is kept when
 * that score is above the class's threshold — single-label, as Ultralytics' default NMS does.
 * Candidates come out in anchor order.
 */
export function decodeYoloOutput(
  output: YoloOutputTensor,
  options: YoloDecodeOptions,
): YoloCandidate[] {
  const { batch, classes, anchors } = assertYoloDims(output.dims);
  const batchIndex = options.batchIndex ?? 0;
  if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= batch) {
    throw new RangeError(`Batch index ${batchIndex} is outside a batch of ${batch}`);
  }
  const rowCount = 4 + classes;
  if (output.data.length !== batch * rowCount * anchors) {
    throw new RangeError(
      `Output has ${output.data.length} values; dims [${output.dims.join(', ')}] need ` +
        `${batch * rowCount * anchors}`,
    );
  }
  const thresholds =
    typeof options.thresholds === 'number'
      ? ClassThresholds.uniform(options.thresholds)
      : options.thresholds;
  const limits = Array.from({ length: classes }, (_, c) => thresholds.thresholdFor(c));
  const data = output.data;
  const base = batchIndex * rowCount * anchors;
  const row = (k: number): number => base + k * anchors;

  // Rows are contiguous per value, so scan class by class to read memory in order.
  const bestScore = new Float64Array(anchors).fill(Number.NEGATIVE_INFINITY);
  const bestClass = new Int32Array(anchors);
  for (let c = 0; c < classes; c += 1) {
    const start = row(4 + c);
    for (let a = 0; a < anchors; a += 1) {
      const score = data[start + a];
      if (score > bestScore[a]) {
        bestScore[a] = score;
        bestClass[a] = c;
      }
    }
  }

  const candidates: YoloCandidate[] = [];
  for (let a = 0; a < anchors; a += 1) {
    const classIndex = bestClass[a];
    const score = bestScore[a];
    if (!(score > limits[classIndex])) {
      continue;
    }
    const cx = data[row(0) + a];
    const cy = data[row(1) + a];
    const halfWidth = data[row(2) + a] / 2;
    const halfHeight = data[row(3) + a] / 2;
    candidates.push({
      anchorIndex: a,
      classIndex,
      score,
      box: { x1: cx - halfWidth, y1: cy - halfHeight, x2: cx + halfWidth, y2: cy + halfHeight },
    });
  }
  return candidates;
}

function assertYoloDims(dims: readonly number[]): {
  batch: number;
  classes: number;
  anchors: number;
} {
  const [batch, rows, anchors] = dims;
  if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d >= 0) || rows < 5) {
    throw new RangeError(
      `Expected a YOLO output of shape [batch, 4 + classes, anchors], got [${dims.join(', ')}]`,
    );
  }
  return { batch, classes: rows - 4, anchors };
}
