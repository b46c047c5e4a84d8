import { describe, expect, it } from 'vitest';
import type { HeightField } from './height-field';
import { buildReliefMesh } from './relief-mesh';

function flatField(columns: number, rows: number): HeightField {
  return {
    columns,
    rows,
    cellSize: 1 / Math.max(columns, rows),
    heights: new Float32Array((columns + 1) * (rows + 1)),
  };
}

describe('buildReliefMesh', () => {
  it('lays a 2 x 1 grid out centred in XZ, image top at -Z, with UVs over the image', () => {
    const field = { ...flatField(2, 1), heights: Float32Array.of(0, 1, 2, 3, 4, 5) };

    const mesh = buildReliefMesh(field);

    expect(Array.from(mesh.positions)).toEqual([
      -0.5, 0, -0.25, 0, 1, -0.25, 0.5, 2, -0.25, -0.5, 3, 0.25, 0, 4, 0.25, 0.5, 5, 0.25,
    ]);
    expect(Array.from(mesh.uvs)).toEqual([0, 0, 0.5, 0, 1, 0, 0, 1, 0.5, 1, 1, 1]);
    expect(Array.from(mesh.indices)).toEqual([0, 3, 1, 1, 3, 4, 1, 4, 2, 2, 4, 5]);
    expect([mesh.vertexCount, mesh.triangleCount]).toEqual([6, 4]);
  });

  it('switches to 32-bit indices past 65536 vertices', () => {
    expect(buildReliefMesh(flatField(255, 255)).indices).toBeInstanceOf(Uint16Array);
    expect(buildReliefMesh(flatField(256, 256)).indices).toBeInstanceOf(Uint32Array);
  });
});
