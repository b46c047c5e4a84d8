import sharp, { type Sharp } from 'sharp';
import type { Size } from './box';
import { writeChwTensor } from './chw-tensor';
import type { RgbImage } from './image-decoder';
import { roundHalfEven } from './round-half-even';

/** Grey used by Ultralytics to fill the letterbox border. */
export const LETTERBOX_PAD_VALUE = 114;

/**
 * How an image of `source` size was fitted into the model input of `target` size: scaled by
 * `ratio` to `newWidth` x `newHeight`, then padded on each side. Everything needed to map boxes back.
 */
export interface LetterboxParams {
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly targetWidth: number;
  readonly targetHeight: number;
  readonly ratio: number;
  /** Size of the resized image before padding. */
  readonly newWidth: number;
  readonly newHeight: number;
  readonly padLeft: number;
  readonly padTop: number;
  readonly padRight: number;
  readonly padBottom: number;
}

export interface LetterboxedImage {
  /** Planar RGB in 0..1, length 3 x target height x target width. */
  readonly data: Float32Array;
  /** `[1, 3, targetHeight, targetWidth]` */
  readonly dims: readonly [1, 3, number, number];
  readonly letterbox: LetterboxParams;
}

/**
 * The letterbox geometry of Ultralytics' `LetterBox(auto=False, scaleFill=False, scaleup=True,
 * center=True)`, with Python's round-half-even wherever it calls `round()`. One deviation: a side
 * that would round to 0 pixels is kept at 1 (Ultralytics would fail on such an image).
 */
export function computeLetterbox(source: Size, target: Size): LetterboxParams {
  assertPositiveInteger('source width', source.width);
  assertPositiveInteger('source height', source.height);
  assertPositiveInteger('target width', target.width);
  assertPositiveInteger('target height', target.height);
  const ratio = Math.min(target.height / source.height, target.width / source.width);
  const newWidth = Math.max(1, roundHalfEven(source.width * ratio));
  const newHeight = Math.max(1, roundHalfEven(source.height * ratio));
  const halfPadX = (target.width - newWidth) / 2;
  const halfPadY = (target.height - newHeight) / 2;
  return {
    sourceWidth: source.width,
    sourceHeight: source.height,
    targetWidth: target.width,
    targetHeight: target.height,
    ratio,
    newWidth,
    newHeight,
    padLeft: roundHalfEven(halfPadX - 0.1),
    padTop: roundHalfEven(halfPadY - 0.1),
    padRight: roundHalfEven(halfPadX + 0.1),
    padBottom: roundHalfEven(halfPadY + 0.1),
  };
}

/**
 * Resizes (bilinear) and pads an RGB image to the model input size; returns the padded RGB pixels.
 * Geometry is exactly Ultralytics'; pixel values can differ slightly from OpenCV's `INTER_LINEAR`
 * because libvips' linear kernel also averages when shrinking.
 */
export async function letterboxPixels(
  image: RgbImage,
  target: Size,
): Promise<{ image: RgbImage; letterbox: LetterboxParams }> {
  const letterbox = computeLetterbox(image, target);
  const source = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  return { image: await renderLetterbox(source, letterbox), letterbox };
}

/**
 * Runs the resize (bilinear, no shrink-on-load) and grey padding of `letterbox` at the end of `pipeline`, whose
 * output is an upright 8-bit sRGB image of the letterbox's source size; returns the padded RGB pixels.
 */
export async function renderLetterbox(
  pipeline: Sharp,
  letterbox: LetterboxParams,
): Promise<RgbImage> {
  if (
    letterbox.newWidth !== letterbox.sourceWidth ||
    letterbox.newHeight !== letterbox.sourceHeight
  ) {
    pipeline = pipeline.resize(letterbox.newWidth, letterbox.newHeight, {
      fit: 'fill',
      kernel: 'linear',
      fastShrinkOnLoad: false,
    });
  }
  const { padLeft, padTop, padRight, padBottom } = letterbox;
  if (padLeft + padTop + padRight + padBottom > 0) {
    const grey = LETTERBOX_PAD_VALUE;
    pipeline = pipeline.extend({
      top: padTop,
      bottom: padBottom,
      left: padLeft,
      right: padRight,
      background: { r: grey, g: grey, b: grey },
    });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const { targetWidth, targetHeight } = letterbox;
  if (info.width !== targetWidth || info.height !== targetHeight || info.channels !== 3) {
    throw new Error(
      `Letterbox produced ${info.width}x${info.height}x${info.channels}, expected ` +
        `${targetWidth}x${targetHeight}x3`,
    );
  }
  return { width: info.width, height: info.height, channels: 3, data };
}

/**
 * Letterboxes an RGB image into the float32 `[1, 3, H, W]` tensor a YOLOv8/YOLO11 model expects; written into
 * `into` (3 x H x W elements, every one overwritten) when given, e.g. a buffer from a Float32BufferPool.
 */
export async function letterboxImage(
  image: RgbImage,
  target: Size,
  into?: Float32Array,
): Promise<LetterboxedImage> {
  const padded = await letterboxPixels(image, target);
  return {
    data: writeChwTensor(padded.image, tensorBuffer(target, into)),
    dims: [1, 3, target.height, target.width],
    letterbox: padded.letterbox,
  };
}

/** `into` checked to hold exactly a `[1, 3, H, W]` tensor of `target`, or a new buffer for one. */
export function tensorBuffer(target: Size, into?: Float32Array): Float32Array {
  const length = 3 * target.width * target.height;
  if (!into) return new Float32Array(length);
  if (into.length !== length)
    throw new RangeError(
      `A ${target.width}x${target.height} tensor needs ${length} floats, not ${into.length}`,
    );
  return into;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}
