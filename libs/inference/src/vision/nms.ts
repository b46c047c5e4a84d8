import { intersectionOverUnion, type Box } from './box';

export interface NmsCandidate {
  readonly classIndex: number;
  readonly score: number;
  readonly box: Box;
}

export interface NmsOptions {
  /** A box is suppressed when its IoU with a kept box of its class is above this (default 0.45). */
  readonly iouThreshold?: number;
  /** Keep at most this many boxes, the highest scores first (default: no limit). */
  readonly maxDetections?: number;
}

export const DEFAULT_NMS_IOU_THRESHOLD = 0.45;

/**
 * Greedy class-wise non-maximum suppression: candidates are visited by score, highest first (ties
 * by input position), and one is kept unless a kept candidate of the same class overlaps it with
 * IoU strictly above the threshold — the rule of torchvision's `batched_nms`. Boxes of different
 * classes never suppress each other.
 *
 * @returns indices into `candidates` of the kept ones, by descending score.
 */
export function classWiseNms(
  candidates: readonly NmsCandidate[],
  options: NmsOptions = {},
): number[] {
  const iouThreshold = options.iouThreshold ?? DEFAULT_NMS_IOU_THRESHOLD;
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
    throw new RangeError(`IoU threshold must be between 0 and 1, got ${iouThreshold}`);
  }
  const maxDetections = options.maxDetections ?? Number.POSITIVE_INFINITY;
  if (
    maxDetections !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(maxDetections) && maxDetections > 0)
  ) {
    throw new RangeError(`maxDetections must be a positive integer, got ${maxDetections}`);
  }

  const order = candidates.map((_, index) => index);
  order.sort((a, b) => candidates[b].score - candidates[a].score || a - b);

  const kept: number[] = [];
  const keptBoxesByClass = new Map<number, Box[]>();
  for (const index of order) {
    if (kept.length >= maxDetections) {
      break;
    }
    const { classIndex, box } = candidates[index];
    const sameClass = keptBoxesByClass.get(classIndex) ?? [];
    if (sameClass.some((keptBox) => intersectionOverUnion(keptBox, box) > iouThreshold)) {
      continue;
    }
    sameClass.push(box);
    keptBoxesByClass.set(classIndex, sameClass);
    kept.push(index);
  }
  return kept;
}
