import type { RgbImage } from '@app/inference';
import { describe, expect, it } from 'vitest';
import { HILLSHADE_LIGHT, shadeRelief } from './hillshade';

const GRID = { columns: 1, rows: 1 };

/** The same unit normal at the 4 vertices of a one-cell grid. */
function uniformNormals(x: number, y: number, z: number): Float32Array {
  const length = Math.hypot(x, y, z);
  return Float32Array.from({ length: 12 }, (_, index) => [x, y, z][index % 3] / length);
}

function greyImage(grey: number): RgbImage {
  return { width: 4, height: 3, channels: 3, data: Buffer.alloc(4 * 3 * 3, grey) };
}

function shadedGrey(normals: Float32Array, grey: number): number[] {
  return Array.from(new Set(shadeRelief(GRID, normals, greyImage(grey))));
}

describe('shadeRelief', () => {
  it('leaves the colour of flat ground unchanged', () => {
    expect(shadedGrey(uniformNormals(0, 1, 0), 77)).toEqual([77]);
  });

  it('lightens slopes facing the north-west light, black ones included', () => {
    const facingLight = uniformNormals(HILLSHADE_LIGHT.x, HILLSHADE_LIGHT.y, HILLSHADE_LIGHT.z);

    expect(shadedGrey(facingLight, 100)[0]).toBeGreaterThan(150);
    expect(shadedGrey(facingLight, 0)[0]).toBeGreaterThan(100);
  });

  it('darkens slopes facing the south-east', () => {
    expect(shadedGrey(uniformNormals(1, 1, 1), 200)[0]).toBeLessThan(140);
  });
});
