import type { HeightField } from './height-field';
import { vertexNormals } from './vertex-normals';

/** Indexed triangle mesh of a height field, ready for glTF accessors. */
export interface ReliefMesh {
  /** x, y, z per vertex: XZ plane centred on the origin, Y up, heights from the field. */
  readonly positions: Float32Array<ArrayBuffer>;
  /** Unit normals, x, y, z per vertex. */
  readonly normals: Float32Array<ArrayBuffer>;
  /** u, v per vertex: (0, 0) at the image's top-left corner, as glTF expects. */
  readonly uvs: Float32Array<ArrayBuffer>;
  /** Three per triangle, counter-clockwise seen from above, two triangles per cell. */
  readonly indices: Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;
  readonly vertexCount: number;
  readonly triangleCount: number;
}

const UINT16_VERTEX_LIMIT = 65_536;

/**
 * Lays the field out as a grid in the XZ plane: the image's top edge at -Z (north, away from a
 * default glTF camera), its left edge at -X. The longer side spans exactly the mesh width.
 */
export function buildReliefMesh(field: HeightField): ReliefMesh {
  const { columns, rows, cellSize, heights } = field;
  const stride = columns + 1;
  const vertexCount = stride * (rows + 1);
  const positions = new Float32Array(vertexCount * 3);
  const uvs = new Float32Array(vertexCount * 2);
  for (let row = 0; row <= rows; row += 1) {
    for (let column = 0; column <= columns; column += 1) {
      const vertex = row * stride + column;
      positions[vertex * 3] = (column - columns / 2) * cellSize;
      positions[vertex * 3 + 1] = heights[vertex];
      positions[vertex * 3 + 2] = (row - rows / 2) * cellSize;
      uvs[vertex * 2] = column / columns;
      uvs[vertex * 2 + 1] = row / rows;
    }
  }
  const triangleCount = 2 * columns * rows;
  const indices =
    vertexCount <= UINT16_VERTEX_LIMIT
      ? new Uint16Array(triangleCount * 3)
      : new Uint32Array(triangleCount * 3);
  let next = 0;
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const topLeft = row * stride + column;
      const topRight = topLeft + 1;
      const bottomLeft = topLeft + stride;
      const bottomRight = bottomLeft + 1;
      // (bottomLeft - topLeft) x (topRight - topLeft) = +Z x +X = +Y: both faces look up.
      indices[next++] = topLeft;
      indices[next++] = bottomLeft;
      indices[next++] = topRight;
      indices[next++] = topRight;
      indices[next++] = bottomLeft;
      indices[next++] = bottomRight;
    }
  }
  return {
    positions,
    normals: vertexNormals(field),
    uvs,
    indices,
    vertexCount,
    triangleCount,
  };
}
