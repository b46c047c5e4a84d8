import type { RgbImage } from '@app/inference';
import { boxBlur } from './box-blur';
import type { ReliefGrid } from './relief-grid';
import type { ReliefParams } from './relief-params';
import { vertexLuminance } from './vertex-luminance';

/** Length of the mesh along the longer image side, in glTF units (metres). */
export const RELIEF_MESH_WIDTH = 1;

/**
 * Heights of a relief at the `(columns + 1) x (rows + 1)` vertices of its grid, row-major from
 * the image's top-left corner. Cells are square, `cellSize` units wide.
 */
export interface HeightField extends ReliefGrid {
  readonly cellSize: number;
  readonly heights: Float32Array;
}

/**
 * Height = luminance (Rec. 709, optionally blurred) x depth x mesh width; with `invert`, dark is
 * high: (1 - luminance) x depth x mesh width. Heights therefore lie in 0..depth x mesh width.
 *
 * @param cells the source image resampled to one pixel per grid cell.
 */
export function buildHeightField(
  cells: RgbImage,
  params: Pick<ReliefParams, 'depth' | 'invert' | 'smoothing'>,
): HeightField {
  const columns = cells.width;
  const rows = cells.height;
  const luminance = boxBlur(vertexLuminance(cells), columns + 1, rows + 1, params.smoothing);
  const scale = params.depth * RELIEF_MESH_WIDTH;
  const heights = new Float32Array(luminance.length);
  for (let vertex = 0; vertex < heights.length; vertex += 1) {
    const level = params.invert ? 1 - luminance[vertex] : luminance[vertex];
    heights[vertex] = level * scale;
  }
  return { columns, rows, cellSize: RELIEF_MESH_WIDTH / Math.max(columns, rows), heights };
}
