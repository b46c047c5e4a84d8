import { describe, expect, it } from 'vitest';
import type { HeightField } from './height-field';
import { vertexNormals } from './vertex-normals';

/** 2 x 2 cells (3 x 3 vertices) of size 0.5; heights from a function of the vertex column/row. */
function field(height: (column: number, row: number) => number): HeightField {
  const heights = new Float32Array(9);
  for (let row = 0; row < 3; row += 1) {
    for (let column = 0; column < 3; column += 1) {
      heights[row * 3 + column] = height(column, row);
    }
  }
  return { columns: 2, rows: 2, cellSize: 0.5, heights };
}

function normalAt(normals: Float32Array, vertex: number): number[] {
  return Array.from(normals.slice(vertex * 3, vertex * 3 + 3));
}

describe('vertexNormals', () => {
  it('points straight up on flat ground', () => {
    const normals = vertexNormals(field(() => 0.3));

    for (let vertex = 0; vertex < 9; vertex += 1) {
      expect(normalAt(normals, vertex)).toEqual([0, 1, 0]);
    }
  });

  it('leans against a slope rising towards +X, the same at borders and inside', () => {
    // Rises 0.5 per cell of 0.5: slope 1, normal (-1, 1, 0) / sqrt 2.
    const normals = vertexNormals(field((column) => column * 0.5));

    for (let vertex = 0; vertex < 9; vertex += 1) {
      const [x, y, z] = normalAt(normals, vertex);
      expect(x).toBeCloseTo(-Math.SQRT1_2, 6);
      expect(y).toBeCloseTo(Math.SQRT1_2, 6);
      expect(z).toBe(0);
    }
  });

  it('leans towards -Z where the ground rises towards +Z (the bottom of the image)', () => {
    const [x, y, z] = normalAt(vertexNormals(field((_, row) => row * 0.25)), 4);

    expect(x).toBe(0);
    expect(y).toBeGreaterThan(0);
    expect(z).toBeLessThan(0);
    expect(Math.hypot(x, y, z)).toBeCloseTo(1, 6);
  });
});
