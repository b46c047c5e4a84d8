import type { Metadata } from 'sharp';
import type { Size } from './box';
import { writeChwTensor } from './chw-tensor';
import {
  corrupt,
  decodeImage,
  inspectImage,
  openImage,
  type ImageLimits,
  type SupportedImageFormat,
} from './image-decoder';
import {
  computeLetterbox,
  letterboxImage,
  renderLetterbox,
  tensorBuffer,
  type LetterboxedImage,
} from './letterbox';

/** An uploaded image as a model input, with what is known of the image itself. */
export interface DecodedLetterbox {
  /** Size of the upright (EXIF-oriented) image: what boxes mapped back through the letterbox refer to. */
  readonly width: number;
  readonly height: number;
  readonly format: SupportedImageFormat;
  readonly letterboxed: LetterboxedImage;
}

/**
 * Images whose decoded pixels feed the resize unchanged: upright 8-bit sRGB (alpha is flattened first either
 * way). For these one libvips pipeline (decode → resize → pad) gives the same bytes as {@link decodeImage}
 * followed by {@link letterboxImage}, without the full-size RGB copy in and out of JavaScript.
 */
const decodesStraightToResize = (metadata: Metadata): boolean =>
  (metadata.orientation ?? 1) === 1 &&
  metadata.depth === 'uchar' &&
  metadata.space === 'srgb' &&
  (metadata.channels === 3 || metadata.channels === 4);

/**
 * {@link decodeImage} and {@link letterboxImage} in one: the same checks, the same tensor, the same Ultralytics
 * letterbox geometry. Other inputs (rotated by EXIF, greyscale, CMYK, 16-bit) take the two steps. The tensor is
 * written into `into` when given (see {@link letterboxImage}).
 *
 * @throws InvalidImageError with a reason code.
 */
export async function decodeLetterboxed(
  input: Buffer,
  target: Size,
  limits: ImageLimits,
  into?: Float32Array,
): Promise<DecodedLetterbox> {
  const { format, metadata } = await inspectImage(input, limits);
  if (!decodesStraightToResize(metadata)) {
    const decoded = await decodeImage(input, limits);
    return {
      width: decoded.width,
      height: decoded.height,
      format,
      letterboxed: await letterboxImage(decoded, target, into),
    };
  }
  const letterbox = computeLetterbox(metadata, target);
  let padded;
  try {
    padded = await renderLetterbox(openImage(input, limits), letterbox);
  } catch (error) {
    throw corrupt(error);
  }
  return {
    width: metadata.width,
    height: metadata.height,
    format,
    letterboxed: {
      data: writeChwTensor(padded, tensorBuffer(target, into)),
      dims: [1, 3, target.height, target.width],
      letterbox,
    },
  };
}
