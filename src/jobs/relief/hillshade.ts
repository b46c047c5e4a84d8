import type { RgbImage } from '@app/inference';
import type { ReliefGrid } from './relief-grid';

/** Unit vector towards the light: from the north-west (-X, -Z), 45 degrees above the horizon. */
export const HILLSHADE_LIGHT = { x: -0.5, y: Math.SQRT1_2, z: -0.5 } as const;

/** How much the shading changes the image: 0 leaves it as it is, 1 is pure hillshade. */
const SHADING_STRENGTH = 0.6;

/** Lambert term of a slope facing the light, relative to flat ground: 1 / sin(45 degrees). */
const BRIGHTEST = Math.SQRT2;

/**
 * Top-down hillshade of a relief blended with its image, as packed RGB the size of `base`.
 * Each pixel takes the bilinearly interpolated vertex normal under it and compares its Lambert
 * term with that of flat ground: flat ground keeps the image's colour, slopes turned away from the
 * light are darkened towards black and slopes turned towards it lightened towards white (so relief
 * shows on dark areas too). Pure arithmetic, hence deterministic.
 *
 * @param normals unit vertex normals of `grid`, x, y, z per vertex, row-major.
 * @param base the image resampled to the preview size.
 */
export function shadeRelief(grid: ReliefGrid, normals: Float32Array, base: RgbImage): Buffer {
  const { width, height, data } = base;
  const stride = grid.columns + 1;
  const output = Buffer.alloc(width * height * 3);
  for (let py = 0; py < height; py += 1) {
    const gz = Math.min(((py + 0.5) / height) * grid.rows, grid.rows);
    const row = Math.min(Math.floor(gz), grid.rows - 1);
    const fz = gz - row;
    for (let px = 0; px < width; px += 1) {
      const gx = Math.min(((px + 0.5) / width) * grid.columns, grid.columns);
      const column = Math.min(Math.floor(gx), grid.columns - 1);
      const fx = gx - column;
      const topLeft = (row * stride + column) * 3;
      const bottomLeft = topLeft + stride * 3;
      const weights = [(1 - fx) * (1 - fz), fx * (1 - fz), (1 - fx) * fz, fx * fz];
      const corners = [topLeft, topLeft + 3, bottomLeft, bottomLeft + 3];
      let nx = 0;
      let ny = 0;
      let nz = 0;
      for (let corner = 0; corner < 4; corner += 1) {
        nx += weights[corner] * normals[corners[corner]];
        ny += weights[corner] * normals[corners[corner] + 1];
        nz += weights[corner] * normals[corners[corner] + 2];
      }
      const length = Math.sqrt(nx * nx + ny * ny + nz * nz);
      const lambert =
        Math.max(0, nx * HILLSHADE_LIGHT.x + ny * HILLSHADE_LIGHT.y + nz * HILLSHADE_LIGHT.z) /
        length;
      const pixel = (py * width + px) * 3;
      for (let channel = 0; channel < 3; channel += 1) {
        output[pixel + channel] = blend(data[pixel + channel], lambert / HILLSHADE_LIGHT.y);
      }
    }
  }
  return output;
}

/** One channel of `colour` under light `lit` times as strong as on flat ground (0..BRIGHTEST). */
function blend(colour: number, lit: number): number {
  if (lit < 1) {
    return Math.round(colour * (1 - SHADING_STRENGTH * (1 - lit)));
  }
  const towardsWhite = (SHADING_STRENGTH * (lit - 1)) / (BRIGHTEST - 1);
  return Math.min(255, Math.round(colour + (255 - colour) * towardsWhite));
}
