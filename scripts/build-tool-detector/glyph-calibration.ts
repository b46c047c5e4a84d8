import sharp from 'sharp';
import { TOOL_GLYPHS } from '../../src/tools/demo/tool-glyphs';
import { renderToolkitPhoto } from '../../src/tools/demo/toolkit-photo';

const CALIBRATION_SIZE = 240;

/**
 * Share of its bounding box each class's glyph covers, measured the way the detector sees it: the glyph
 * drawn alone (PNG, no compression), pixels within `tolerance` of the class colour counted against the
 * bounding box of those pixels. Deterministic.
 */
export async function measureGlyphFills(tolerance: number): Promise<Map<string, number>> {
  const fills = new Map<string, number>();
  for (const glyph of TOOL_GLYPHS) {
    const side = CALIBRATION_SIZE + 40;
    const { image } = await renderToolkitPhoto({
      width: side,
      height: side,
      tools: [{ className: glyph.className, x: side / 2, y: side / 2, size: CALIBRATION_SIZE }],
      seed: 1,
      format: 'png',
    });
    const { data, info } = await sharp(image)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let count = 0;
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const at = (y * info.width + x) * 3;
        const distance = Math.hypot(
          data[at] - glyph.colour[0],
          data[at + 1] - glyph.colour[1],
          data[at + 2] - glyph.colour[2],
        );
        if (distance < tolerance) {
          count++;
          [x1, y1, x2, y2] = [
            Math.min(x1, x),
            Math.min(y1, y),
            Math.max(x2, x + 1),
            Math.max(y2, y + 1),
          ];
        }
      }
    }
    fills.set(glyph.className, Math.round((count / ((x2 - x1) * (y2 - y1))) * 1000) / 1000);
  }
  return fills;
}
