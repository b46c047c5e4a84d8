import type { HeightField } from './height-field';

/**
 * Unit normals (x, y, z per vertex) of the surface y = height(x, z): `(-dh/dx, 1, -dh/dz)`
 * normalised, with central differences inside the grid and one-sided ones on its border.
 * Every normal points up (y > 0).
 */
export function vertexNormals(field: HeightField): Float32Array<ArrayBuffer> {
  const { columns, rows, cellSize, heights } = field;
  const stride = columns + 1;
  const normals = new Float32Array(heights.length * 3);
  for (let row = 0; row <= rows; row += 1) {
    const up = Math.max(row - 1, 0);
    const down = Math.min(row + 1, rows);
    for (let column = 0; column <= columns; column += 1) {
      const left = Math.max(column - 1, 0);
      const right = Math.min(column + 1, columns);
      const slopeX = difference(heights, row * stride + left, row * stride + right, right - left);
      const slopeZ = difference(heights, up * stride + column, down * stride + column, down - up);
      // 0 - slope, not -slope: a flat surface gets +0, not -0, in the file.
      const nx = (0 - slopeX) / cellSize;
      const nz = (0 - slopeZ) / cellSize;
      const length = Math.sqrt(nx * nx + 1 + nz * nz);
      const offset = (row * stride + column) * 3;
      normals[offset] = nx / length;
      normals[offset + 1] = 1 / length;
      normals[offset + 2] = nz / length;
    }
  }
  return normals;
}

/** Height change per cell between two vertices `cells` apart (0 on a one-vertex axis). */
function difference(heights: Float32Array, from: number, to: number, cells: number): number {
  return cells === 0 ? 0 : (heights[to] - heights[from]) / cells;
}
