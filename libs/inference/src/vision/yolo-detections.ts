import type { Box } from './box';
import { mapBoxToSource } from './box-mapping';
import { ClassThresholds } from './class-thresholds';
import type { LetterboxParams } from './letterbox';
import { classWiseNms, DEFAULT_NMS_IOU_THRESHOLD } from './nms';
import { decodeYoloOutput } from './yolo-output-decoder';

/** One detected object, in source-image pixels. */
export interface Detection {
  readonly classIndex: number;
  readonly className: string;
  readonly score: number;
  readonly box: Box;
}

export interface YoloDetectionOptions {
  /** The request's confidence, a floor under every class threshold. */
  readonly confidence: number;
  /** Per-class thresholds keyed by class name or index (see {@link ClassThresholds}). */
  readonly classThresholds?: Readonly<Record<string, number>>;
  /** Class names by index; a class without a name is called `class<index>`. */
  readonly classNames?: readonly string[];
  readonly iouThreshold?: number;
  /** Default 300, as Ultralytics. */
  readonly maxDetections?: number;
  /** Which image of a batched output (default 0). */
  readonly batchIndex?: number;
}

export const DEFAULT_MAX_DETECTIONS = 300;

/**
 * Turns a YOLOv8/YOLO11 output `[batch, 4 + classes, anchors]` into detections on the source image:
 * decode with per-class thresholds → class-wise NMS → map boxes back through the letterbox.
 * Sorted by descending score.
 */
export function detectionsFromYoloOutput(
  output: ArrayLike<number>,
  dims: readonly number[],
  letterbox: LetterboxParams,
  options: YoloDetectionOptions,
): Detection[] {
  const thresholds = new ClassThresholds({
    floor: options.confidence,
    perClass: options.classThresholds,
    classNames: options.classNames,
  });
  const candidates = decodeYoloOutput(
    { data: output, dims },
    { thresholds, batchIndex: options.batchIndex },
  );
  const kept = classWiseNms(candidates, {
    iouThreshold: options.iouThreshold ?? DEFAULT_NMS_IOU_THRESHOLD,
    maxDetections: options.maxDetections ?? DEFAULT_MAX_DETECTIONS,
  });
  return kept.map((index) => {
    const { classIndex, score, box } = candidates[index];
    return {
      classIndex,
      className: options.classNames?.[classIndex] ?? `class${classIndex}`,
      score,
      box: mapBoxToSource(box, letterbox),
    };
  });
}
