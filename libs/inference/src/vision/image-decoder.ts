import sharp, { type Metadata, type Sharp } from 'sharp';
import type { Size } from './box';
import { InvalidImageError } from './invalid-image.error';

/** Container formats accepted by content (sharp's decoder name). BMP, SVG, PDF and the rest are refused. */
export const SUPPORTED_IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'] as const;
export type SupportedImageFormat = (typeof SUPPORTED_IMAGE_FORMATS)[number];

/** Packed 8-bit RGB pixels, row by row, no padding: `data.length === width * height * 3`. */
export interface RgbImage extends Size {
  readonly channels: 3;
  readonly data: Buffer;
}

export interface DecodedImage extends RgbImage {
  /** Format detected from the bytes, not from any file name. */
  readonly format: SupportedImageFormat;
}

export interface ImageLimits {
  /** Largest accepted input, in bytes. */
  readonly maxBytes: number;
  /** Largest accepted width x height, checked on the header before any pixel is decoded. */
  readonly maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPixels: 50_000_000,
};

const WHITE = { r: 255, g: 255, b: 255 };

/**
 * Decodes an uploaded image into packed RGB after checking, by content, that it is one.
 *
 * - Format: sniffed by sharp from the bytes; only {@link SUPPORTED_IMAGE_FORMATS} pass (HEIF only
 *   with AV1 compression, i.e. AVIF; HEVC/HEIC cannot be decoded by the bundled libheif).
 * - Decompression bombs: width x height from the header is compared with `maxPixels` before
 *   decoding, and sharp's `limitInputPixels` enforces the same limit inside libvips.
 * - EXIF orientation is applied, so `width`/`height` are those of the upright image.
 * - Transparency is composited over white (what an image viewer shows); the alpha channel is gone.
 *   Note that OpenCV's `imread` would instead drop alpha and keep whatever colour lies beneath it.
 * - Greyscale, CMYK and 16-bit inputs come out as 8-bit sRGB. Multi-page inputs: first page only.
 *
 * @throws InvalidImageError with a reason code.
 */
export async function decodeImage(
  input: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<DecodedImage> {
  const { format } = await inspectImage(input, limits);
  try {
    const { data, info } = await openImage(input, limits)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) {
      throw new Error(`Decoder produced ${info.channels} channels`);
    }
    return { width: info.width, height: info.height, channels: 3, data, format };
  } catch (error) {
    throw corrupt(error);
  }
}

/** What the header of an accepted image says, read without decoding a pixel. */
export interface ImageHeader {
  readonly format: SupportedImageFormat;
  readonly metadata: Metadata;
}

/**
 * The checks of {@link decodeImage} that need no pixels: byte limit, format by content, pixel limit.
 *
 * @throws InvalidImageError with a reason code.
 */
export async function inspectImage(input: Buffer, limits: ImageLimits): Promise<ImageHeader> {
  if (input.length > limits.maxBytes) {
    throw new InvalidImageError(
      'too_large',
      `Image is ${input.length} bytes; the limit is ${limits.maxBytes}`,
    );
  }
  // Reading the header decodes no pixels, so it runs without the pixel limit: the explicit check
  // below reports the declared size. libvips then enforces the same limit while decoding.
  const metadata = await readMetadata(input);
  const format = acceptedFormat(metadata);
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw new InvalidImageError(
      'too_many_pixels',
      `Image is ${metadata.width}x${metadata.height} pixels; the limit is ${limits.maxPixels}`,
    );
  }
  return { format, metadata };
}

/** The decoding pipeline of an inspected image: upright, over white, 8-bit sRGB from here on. */
export function openImage(input: Buffer, limits: ImageLimits): Sharp {
  return sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', autoOrient: true })
    .flatten({ background: WHITE })
    .toColourspace('srgb');
}

export const corrupt = (cause: unknown): InvalidImageError =>
  new InvalidImageError('corrupt_image', 'Image data could not be decoded', { cause });

async function readMetadata(input: Buffer): Promise<Metadata> {
  try {
    return await sharp(input, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (error) {
    if (looksLikeBmp(input)) {
      throw new InvalidImageError('unsupported_format', 'BMP images are not supported', {
        cause: error,
      });
    }
    throw new InvalidImageError('not_an_image', 'Content is not a readable image', {
      cause: error,
    });
  }
}

function acceptedFormat(metadata: Metadata): SupportedImageFormat {
  const format = SUPPORTED_IMAGE_FORMATS.find((candidate) => candidate === metadata.format);
  if (format === undefined || (format === 'heif' && metadata.compression !== 'av1')) {
    throw new InvalidImageError(
      'unsupported_format',
      `Image format ${metadata.format} is not supported`,
    );
  }
  if (!(metadata.width > 0 && metadata.height > 0)) {
    throw new InvalidImageError('corrupt_image', 'Image header declares no pixels');
  }
  return format;
}

/** BMP is an image sharp cannot read; recognise its header so the caller hears "unsupported". */
function looksLikeBmp(input: Buffer): boolean {
  return (
    input.length >= 26 && input[0] === 0x42 && input[1] === 0x4d && input.readUInt32LE(14) >= 12
  );
}
