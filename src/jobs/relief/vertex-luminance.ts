import type { RgbImage } from '@app/inference';

/** Rec. 709 luma weights, applied to 8-bit sRGB code values. */
const LUMA_R = 0.2126;
const LUMA_G = 0.7152;
const LUMA_B = 0.0722;

/**
 * Luminance in 0..1 at each vertex of a grid whose cells are the pixels of `cells`: a grid of
 * `width` x `height` cells has `(width + 1) x (height + 1)` vertices, row-major from the top-left
 * corner. A vertex takes the mean of the (up to four) cells that touch it.
 */
export function vertexLuminance(cells: RgbImage): Float32Array {
  const { width, height, data } = cells;
  const cellLuma = new Float64Array(width * height);
  for (let cell = 0; cell < cellLuma.length; cell += 1) {
    const offset = cell * 3;
    cellLuma[cell] =
      (LUMA_R * data[offset] + LUMA_G * data[offset + 1] + LUMA_B * data[offset + 2]) / 255;
  }
  const vertexColumns = width + 1;
  const luminance = new Float32Array(vertexColumns * (height + 1));
  for (let row = 0; row <= height; row += 1) {
    const top = Math.max(row - 1, 0);
    const bottom = Math.min(row, height - 1);
    for (let column = 0; column <= width; column += 1) {
      const left = Math.max(column - 1, 0);
      const right = Math.min(column, width - 1);
      let sum = 0;
      let count = 0;
      for (let y = top; y <= bottom; y += 1) {
        for (let x = left; x <= right; x += 1) {
          sum += cellLuma[y * width + x];
          count += 1;
        }
      }
      luminance[row * vertexColumns + column] = sum / count;
    }
  }
  return luminance;
}
