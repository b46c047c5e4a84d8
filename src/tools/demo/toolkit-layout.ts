import { SeededRandom } from '@app/inference';
import { GLYPH_SIZE_RANGE, glyphExtent, type ToolPlacement } from './toolkit-photo';

export interface ToolkitLayoutOptions {
  readonly width: number;
  readonly height: number;
  /** The tools to lay out, by class name; a class may repeat. */
  readonly classes: readonly string[];
  readonly seed: number;
  /** Long side of each glyph, chosen uniformly in this range (default 60..220, capped by the image). */
  readonly sizeRange?: { min: number; max: number };
}

/** Free space kept between any two glyphs, and between a glyph and the image border, in pixels. */
const GAP = 10;
const ATTEMPTS_PER_TOOL = 400;

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Places the given multiset of tools on a photo without overlap: random sizes, orientations and
 * positions from the seed, at least {@link GAP} px between glyphs. Two tools of the same class are
 * kept further apart (a glyph's long side), so they never read as one object. When the tools do not
 * fit, glyphs are shrunk and the layout retried; throws when even the smallest size does not fit.
 */
export function layoutToolkit(options: ToolkitLayoutOptions): ToolPlacement[] {
  const shortSide = Math.min(options.width, options.height);
  const range = options.sizeRange ?? {
    min: GLYPH_SIZE_RANGE.min,
    max: Math.max(GLYPH_SIZE_RANGE.min, Math.min(GLYPH_SIZE_RANGE.max, shortSide * 0.45)),
  };
  for (let scale = 1; scale * range.max >= 12; scale *= 0.85) {
    const placed = tryLayout(options, { min: range.min * scale, max: range.max * scale });
    if (placed) return placed;
  }
  throw new RangeError(
    `${options.classes.length} tools do not fit on a ${options.width}x${options.height} photo`,
  );
}

function tryLayout(
  options: ToolkitLayoutOptions,
  range: { min: number; max: number },
): ToolPlacement[] | null {
  const random = new SeededRandom(options.seed);
  const placed: Array<{ tool: ToolPlacement; rect: Rect; reach: number }> = [];
  // Largest first: big glyphs are the hardest to fit.
  const sizes = options.classes
    .map((className) => ({ className, size: Math.round(random.uniform(range.min, range.max)) }))
    .sort((a, b) => b.size - a.size);
  for (const { className, size } of sizes) {
    let done = false;
    for (let attempt = 0; attempt < ATTEMPTS_PER_TOOL && !done; attempt++) {
      const orientation = random.bernoulli(0.5) ? 'horizontal' : 'vertical';
      const { width, height } = glyphExtent(className, size, orientation);
      const x = Math.round(random.uniform(GAP + width / 2, options.width - GAP - width / 2));
      const y = Math.round(random.uniform(GAP + height / 2, options.height - GAP - height / 2));
      if (!(x - width / 2 >= GAP && y - height / 2 >= GAP)) continue;
      if (!(x + width / 2 <= options.width - GAP && y + height / 2 <= options.height - GAP))
        continue;
      const rect = { x1: x - width / 2, y1: y - height / 2, x2: x + width / 2, y2: y + height / 2 };
      const clash = placed.some((other) => {
        const gap = other.tool.className === className ? Math.max(size, other.reach) : GAP;
        return overlaps(grow(rect, gap), other.rect);
      });
      if (clash) continue;
      placed.push({ tool: { className, x, y, size, orientation }, rect, reach: size });
      done = true;
    }
    if (!done) return null;
  }
  return placed.map((entry) => entry.tool);
}

function grow(rect: Rect, by: number): Rect {
  return { x1: rect.x1 - by, y1: rect.y1 - by, x2: rect.x2 + by, y2: rect.y2 + by };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
