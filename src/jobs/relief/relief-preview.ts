import type { RgbImage } from '@app/inference';
import sharp from 'sharp';
import { shadeRelief } from './hillshade';
import type { ReliefGrid } from './relief-grid';
import { resizeRgb } from './relief-source';

/** Longer side of the preview, in pixels. */
export const RELIEF_PREVIEW_SIZE = 512;

/**
 * PNG of the relief seen from above, lit from the north-west, over the source image. The longer
 * side is {@link RELIEF_PREVIEW_SIZE} pixels; the aspect ratio is the grid's.
 */
export async function renderReliefPreview(
  grid: ReliefGrid,
  normals: Float32Array,
  source: RgbImage,
): Promise<Buffer> {
  const longer = Math.max(grid.columns, grid.rows);
  const size = {
    width: Math.max(1, Math.round((RELIEF_PREVIEW_SIZE * grid.columns) / longer)),
    height: Math.max(1, Math.round((RELIEF_PREVIEW_SIZE * grid.rows) / longer)),
  };
  const base = await resizeRgb(source, size);
  const shaded = shadeRelief(grid, normals, base);
  return sharp(shaded, { raw: { width: size.width, height: size.height, channels: 3 } })
    .png()
    .toBuffer();
}
