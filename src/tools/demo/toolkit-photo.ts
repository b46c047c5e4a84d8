import { SeededRandom } from '@app/inference';
import sharp from 'sharp';
import { toolGlyph, type GlyphPart } from './tool-glyphs';

/** One tool to draw: its class, the centre of its glyph and the glyph's long side, in pixels. */
export interface ToolPlacement {
  readonly className: string;
  readonly x: number;
  readonly y: number;
  /** Long side of the glyph in pixels (default: 60..220 chosen from the seed, capped by the image). */
  readonly size?: number;
  /** `vertical` (default): long side upright; `horizontal`: turned a quarter. */
  readonly orientation?: 'vertical' | 'horizontal';
}

export interface ToolkitPhotoOptions {
  readonly width: number;
  readonly height: number;
  readonly tools: readonly ToolPlacement[];
  readonly seed: number;
  readonly format?: 'jpeg' | 'png';
  /** JPEG quality (default 88). */
  readonly quality?: number;
}

/** Where a glyph was drawn: x1, y1, x2, y2 in image pixels, clipped to the image. */
export interface ToolTruth {
  readonly className: string;
  readonly box: [number, number, number, number];
}

export interface ToolkitPhoto {
  readonly image: Buffer;
  readonly truth: ToolTruth[];
}

/** Bounds of the default glyph size (long side) in pixels. */
export const GLYPH_SIZE_RANGE = { min: 60, max: 220 } as const;

/**
 * Renders a synthetic photo of an open toolkit: a neutral textured background (a tray) with one flat,
 * saturated glyph per tool, JPEG-compressed by default. Same options, same bytes. The returned truth
 * boxes are the glyphs' geometric bounds, the boxes a detector should find.
 */
export async function renderToolkitPhoto(options: ToolkitPhotoOptions): Promise<ToolkitPhoto> {
  const { width, height } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16) {
    throw new RangeError(`Photo size must be whole pixels, at least 16x16; got ${width}x${height}`);
  }
  const random = new SeededRandom(options.seed);
  const background = texturedBackground(width, height, random);
  const drawn = options.tools.map((tool) => placeGlyph(tool, random, width, height));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    drawn.map((glyph) => glyph.svg).join('') +
    '</svg>';
  const pipeline = sharp(background, { raw: { width, height, channels: 3 } }).composite([
    { input: Buffer.from(svg), left: 0, top: 0 },
  ]);
  const image =
    options.format === 'png'
      ? await pipeline.png().toBuffer()
      : await pipeline.jpeg({ quality: options.quality ?? 88 }).toBuffer();
  return { image, truth: drawn.map((glyph) => ({ className: glyph.className, box: glyph.box })) };
}

interface DrawnGlyph {
  className: string;
  box: [number, number, number, number];
  svg: string;
}

/** Width and height of a glyph of this class, long side `size`, in the given orientation. */
export function glyphExtent(
  className: string,
  size: number,
  orientation: ToolPlacement['orientation'] = 'vertical',
): { width: number; height: number } {
  const short = size * toolGlyph(className).aspect;
  return orientation === 'horizontal'
    ? { width: size, height: short }
    : { width: short, height: size };
}

function placeGlyph(
  tool: ToolPlacement,
  random: SeededRandom,
  imageWidth: number,
  imageHeight: number,
): DrawnGlyph {
  const glyph = toolGlyph(tool.className);
  const size = tool.size ?? defaultSize(random, imageWidth, imageHeight);
  const horizontal = tool.orientation === 'horizontal';
  const { width, height } = glyphExtent(tool.className, size, tool.orientation);
  const x1 = tool.x - width / 2;
  const y1 = tool.y - height / 2;
  // Unit glyph coordinates (u across, v along the long side) to image pixels.
  const matrix = horizontal ? [0, height, width, 0, x1, y1] : [width, 0, 0, height, x1, y1];
  const fill = `rgb(${glyph.colour.join(',')})`;
  const parts = glyph.parts.map((part) => partSvg(part, glyph.aspect)).join('');
  const clip = (value: number, max: number): number =>
    Math.round(Math.min(Math.max(value, 0), max) * 100) / 100;
  return {
    className: glyph.className,
    box: [
      clip(x1, imageWidth),
      clip(y1, imageHeight),
      clip(x1 + width, imageWidth),
      clip(y1 + height, imageHeight),
    ],
    svg: `<g transform="matrix(${matrix.map(fmt).join(' ')})" fill="${fill}">${parts}</g>`,
  };
}

function partSvg(part: GlyphPart, aspect: number): string {
  switch (part.kind) {
    case 'rect': {
      const r = part.r ?? 0;
      return (
        `<rect x="${fmt(part.x)}" y="${fmt(part.y)}" width="${fmt(part.w)}" height="${fmt(part.h)}"` +
        ` rx="${fmt(r)}" ry="${fmt(r * aspect)}"/>`
      );
    }
    case 'ellipse':
      return `<ellipse cx="${fmt(part.cx)}" cy="${fmt(part.cy)}" rx="${fmt(part.rx)}" ry="${fmt(part.ry)}"/>`;
    case 'polygon':
      return `<polygon points="${part.points.map(([u, v]) => `${fmt(u)},${fmt(v)}`).join(' ')}"/>`;
  }
}

function fmt(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

function defaultSize(random: SeededRandom, width: number, height: number): number {
  const max = Math.min(
    GLYPH_SIZE_RANGE.max,
    Math.max(GLYPH_SIZE_RANGE.min, Math.min(width, height) * 0.45),
  );
  return Math.round(random.uniform(GLYPH_SIZE_RANGE.min, max));
}

/**
 * A neutral tray: one low-saturation tone from the seed, soft blotches (a coarse noise grid
 * upsampled) and a fine grain. Packed RGB bytes.
 */
function texturedBackground(width: number, height: number, random: SeededRandom): Buffer {
  const tone = random.uniform(130, 175);
  const tint = [random.uniform(-6, 6), random.uniform(-6, 6), random.uniform(-6, 6)];
  const cell = 48;
  const gridWidth = Math.ceil(width / cell) + 1;
  const gridHeight = Math.ceil(height / cell) + 1;
  const grid = Array.from({ length: gridWidth * gridHeight }, () => random.uniform(-14, 14));
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const at = (i: number, j: number): number => grid[j * gridWidth + i];
      const blotch =
        (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
        (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      const grain = (random.next() - 0.5) * 12;
      const offset = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        pixels[offset + c] = Math.max(
          0,
          Math.min(255, Math.round(tone + tint[c] + blotch + grain)),
        );
      }
    }
  }
  return pixels;
}
