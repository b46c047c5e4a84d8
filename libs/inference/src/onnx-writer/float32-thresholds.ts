import { TreeEnsembleModel, TreeNode } from '../models/tree-ensemble-model';

/**
 * Why this exists: a tree trained in float64 compares `x <= t` in float64, but ONNX stores the
 * threshold as float32 and ONNX Runtime compares it with the float32-cast input. Rounding `t`
 * to the nearest float32 is not enough: a training value x just above t can round to the same
 * float32 as t, so `fround(x) <= fround(t)` sends that row left although `x <= t` sent it right.
 *
 * The fix picks, for each split, a float32 threshold T with
 *   fround(max{x : x <= t}) <= T < fround(min{x : x > t})
 * over the training values of the split's feature. Since fround is monotonic, every training row
 * then takes the same branch in float32 as in float64. T is fround(t) whenever that already
 * works, so the model changes as little as possible. When both neighbours round to the same
 * float32 no threshold can separate them; such splits are counted as `inseparable`.
 */

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

/** The largest float32 strictly below `value` (itself a float32). */
export function float32Below(value: number): number {
  f32[0] = value;
  const v = f32[0];
  if (Number.isNaN(v) || v === -Infinity) return v;
  if (v === 0) {
    bits[0] = 0x80000001; // smallest negative subnormal
  } else if (v > 0) {
    bits[0] -= 1;
  } else {
    bits[0] += 1;
  }
  return f32[0];
}

/** Index of the first element of the ascending `sorted` that is > value. */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface Float32Threshold {
  threshold: number;
  /** False when the nearest training values on both sides round to the same float32. */
  separable: boolean;
}

/**
 * Chooses a float32 threshold that sends every value of `sortedValues` (ascending, no NaN)
 * to the same side as the float64 comparison with `threshold` does.
 */
export function float32SafeThreshold(
  threshold: number,
  sortedValues: Float64Array,
): Float32Threshold {
  const split = upperBound(sortedValues, threshold);
  const left = split > 0 ? Math.fround(sortedValues[split - 1]) : -Infinity;
  const right = split < sortedValues.length ? Math.fround(sortedValues[split]) : Infinity;
  const nearest = Math.fround(threshold);
  if (left >= right) return { threshold: left, separable: false };
  if (nearest >= right) return { threshold: float32Below(right), separable: true };
  return { threshold: Math.max(nearest, left), separable: true };
}

export interface Float32RoundingResult {
  model: TreeEnsembleModel;
  /** Splits whose threshold differs from plain Math.fround(threshold). */
  adjusted: number;
  /** Splits where no float32 threshold keeps every training row on its side. */
  inseparable: number;
}

function sortedColumn(rows: readonly ArrayLike<number>[], feature: number): Float64Array {
  const column = new Float64Array(rows.length);
  let n = 0;
  for (const row of rows) {
    const value = row[feature];
    if (!Number.isNaN(value)) column[n++] = value;
  }
  return column.subarray(0, n).sort();
}

/**
 * Returns a copy of the ensemble whose thresholds are float32 values chosen so that every
 * training row takes the same branch at every split in float32 (ONNX Runtime) as in float64.
 */
export function roundThresholdsForFloat32(
  model: TreeEnsembleModel,
  trainingRows: readonly ArrayLike<number>[],
): Float32RoundingResult {
  const columns = new Map<number, Float64Array>();
  let adjusted = 0;
  let inseparable = 0;
  const trees = model.trees.map((tree) => ({
    nodes: tree.nodes.map((node): TreeNode => {
      if (node.kind === 'leaf') return node;
      let column = columns.get(node.feature);
      if (!column) {
        column = sortedColumn(trainingRows, node.feature);
        columns.set(node.feature, column);
      }
      const safe = float32SafeThreshold(node.threshold, column);
      if (safe.threshold !== Math.fround(node.threshold)) adjusted++;
      if (!safe.separable) inseparable++;
      return { ...node, threshold: safe.threshold };
    }),
  }));
  return { model: { ...model, trees }, adjusted, inseparable };
}
