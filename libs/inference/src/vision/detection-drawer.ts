import sharp from 'sharp';
import { buildDetectionOverlay, type DrawableDetection } from './detection-overlay';
import type { RgbImage } from './image-decoder';

export interface DrawOptions {
  /** Output encoding (default JPEG). */
  readonly format?: 'jpeg' | 'png';
  /** JPEG quality 1..100 (default 85). */
  readonly quality?: number;
}

/**
 * Draws labelled boxes (source-image pixels) onto an RGB image — normally the one
 * {@link decodeImage} returned, so boxes and EXIF orientation agree — and encodes the result.
 */
export async function drawDetections(
  image: RgbImage,
  detections: readonly DrawableDetection[],
  options: DrawOptions = {},
): Promise<Buffer> {
  const overlay = Buffer.from(buildDetectionOverlay(image, detections));
  const pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  }).composite([{ input: overlay, left: 0, top: 0 }]);
  return options.format === 'png'
    ? pipeline.png().toBuffer()
    : pipeline.jpeg({ quality: options.quality ?? 85 }).toBuffer();
}
