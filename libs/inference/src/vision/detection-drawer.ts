import sharp from 'sharp';
import { buildDetectionOverlayTiles, type DrawableDetection } from './detection-overlay';
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
  // One small overlay per detection: a full-size SVG would be rendered and blended over every pixel.
  const tiles = buildDetectionOverlayTiles(image, detections).map((tile) => ({
    input: Buffer.from(tile.svg),
    left: tile.left,
    top: tile.top,
  }));
  const pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  }).composite(tiles);
  return options.format === 'png'
    ? pipeline.png().toBuffer()
    : pipeline.jpeg({ quality: options.quality ?? 85 }).toBuffer();
}
