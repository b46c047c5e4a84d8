import type { RgbImage } from './image-decoder';

/** `BYTE_TO_UNIT[v] === v / 255` as float32, so conversion is one lookup per sample. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, value) => value / 255);

/**
 * Converts packed RGB (height x width x 3, bytes) to planar RGB (3 x height x width, 0..1) — the
 * `[1, 3, H, W]` layout YOLO models take. Writes into `target` at `offset`, so several images can
 * share one batch tensor; returns `target`.
 */
export function writeChwTensor(
  image: RgbImage,
  target: Float32Array = new Float32Array(3 * image.width * image.height),
  offset = 0,
): Float32Array {
  const plane = image.width * image.height;
  if (image.data.length !== plane * 3) {
    throw new RangeError(`Expected ${plane * 3} bytes of RGB, got ${image.data.length}`);
  }
  if (offset < 0 || offset + plane * 3 > target.length) {
    throw new RangeError('Target tensor is too small for this image at this offset');
  }
  const source = image.data;
  const red = offset;
  const green = offset + plane;
  const blue = offset + 2 * plane;
  for (let pixel = 0, byte = 0; pixel < plane; pixel += 1, byte += 3) {
    target[red + pixel] = BYTE_TO_UNIT[source[byte]];
    target[green + pixel] = BYTE_TO_UNIT[source[byte + 1]];
    target[blue + pixel] = BYTE_TO_UNIT[source[byte + 2]];
  }
  return target;
}
