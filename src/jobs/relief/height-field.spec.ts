import type { RgbImage } from '@app/inference';
import { describe, expect, it } from 'vitest';
import { buildHeightField } from './height-field';
import { vertexLuminance } from './vertex-luminance';

function cells(width: number, height: number, rgb: number[]): RgbImage {
  return { width, height, channels: 3, data: Buffer.from(rgb) };
}

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

describe('vertexLuminance', () => {
  it('weighs red, green and blue as Rec. 709 does', () => {
    const [red, green, blue] = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ].map((rgb) => vertexLuminance(cells(1, 1, rgb))[0]);

    expect(red).toBeCloseTo(0.2126, 6);
    expect(green).toBeCloseTo(0.7152, 6);
    expect(blue).toBeCloseTo(0.0722, 6);
  });

  it('gives each vertex the mean of the cells that touch it', () => {
    // 2 x 1 cells: black | white -> 3 x 2 vertices.
    const luminance = vertexLuminance(cells(2, 1, [...BLACK, ...WHITE]));

    expect(Array.from(luminance)).toEqual([0, 0.5, 1, 0, 0.5, 1]);
  });
});

describe('buildHeightField', () => {
  const blackWhite = cells(2, 1, [...BLACK, ...WHITE]);

  it('scales luminance by depth, light high', () => {
    const field = buildHeightField(blackWhite, { depth: 0.2, invert: false, smoothing: 0 });

    expect(field).toMatchObject({ columns: 2, rows: 1, cellSize: 0.5 });
    expect(Array.from(field.heights)).toEqual([0, 0.1, 0.2, 0, 0.1, 0.2].map(Math.fround));
  });

  it('makes dark high with invert', () => {
    const field = buildHeightField(blackWhite, { depth: 0.2, invert: true, smoothing: 0 });

    expect(Array.from(field.heights)).toEqual([0.2, 0.1, 0, 0.2, 0.1, 0].map(Math.fround));
  });

  it('blurs before scaling', () => {
    const field = buildHeightField(blackWhite, { depth: 0.2, invert: false, smoothing: 1 });

    expect(field.heights[0]).toBeCloseTo(0.05, 6);
    expect(field.heights[1]).toBeCloseTo(0.1, 6);
    expect(field.heights[2]).toBeCloseTo(0.15, 6);
  });

  it('sizes cells so that the longer side is one unit', () => {
    expect(
      buildHeightField(cells(1, 4, [...WHITE, ...WHITE, ...WHITE, ...WHITE]), {
        depth: 0.1,
        invert: false,
        smoothing: 0,
      }),
    ).toMatchObject({ columns: 1, rows: 4, cellSize: 0.25 });
  });
});
