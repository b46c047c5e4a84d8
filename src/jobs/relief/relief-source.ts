import {
  decodeImage,
  InvalidImageError,
  type ImageLimits,
  type RgbImage,
  type Size,
} from '@app/inference';
import sharp, { type KernelEnum } from 'sharp';
import { InvalidReliefInputError } from './relief.errors';

/** Inputs larger than this are refused before their pixels are decoded. */
export const RELIEF_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 40_000_000,
};

/** Longest side of the image kept after decoding; it feeds the grid, texture and preview. */
export const RELIEF_SOURCE_MAX_SIDE = 1024;

const TEXTURE_JPEG_QUALITY = 85;

/**
 * Decodes the input (content-sniffed format, EXIF orientation applied, alpha over white, sRGB)
 * and shrinks it so its longer side is at most {@link RELIEF_SOURCE_MAX_SIDE}; the full-size
 * pixels are released as soon as this returns.
 *
 * @throws InvalidReliefInputError when the bytes are not an accepted image or are too large.
 */
export async function decodeReliefSource(input: Buffer): Promise<RgbImage> {
  let decoded: RgbImage;
  try {
    decoded = await decodeImage(input, RELIEF_IMAGE_LIMITS);
  } catch (error) {
    if (error instanceof InvalidImageError) {
      throw new InvalidReliefInputError(`Input is not a usable image: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
  const longer = Math.max(decoded.width, decoded.height);
  if (longer <= RELIEF_SOURCE_MAX_SIDE) {
    return decoded;
  }
  const scale = RELIEF_SOURCE_MAX_SIDE / longer;
  return resizeRgb(decoded, {
    width: Math.max(1, Math.round(decoded.width * scale)),
    height: Math.max(1, Math.round(decoded.height * scale)),
  });
}

/** Resamples packed RGB to exactly `size` (aspect ratio not kept). */
export async function resizeRgb(
  image: RgbImage,
  size: Size,
  kernel: keyof KernelEnum = 'lanczos3',
): Promise<RgbImage> {
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize({ width: size.width, height: size.height, fit: 'fill', kernel })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

/** The image a glTF material uses as its base colour: a JPEG (sRGB, no alpha). */
export async function encodeReliefTexture(image: RgbImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .jpeg({ quality: TEXTURE_JPEG_QUALITY })
    .toBuffer();
}
