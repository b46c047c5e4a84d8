import type { Box } from './box';
import type { LetterboxParams } from './letterbox';

/**
 * Maps a box from letterboxed model-input pixels back to the source image: removes the padding,
 * undoes the scaling, then clips to the image (0..width, 0..height), as Ultralytics' `scale_boxes`
 * does. A box entirely in the padding collapses onto the image border with zero width or height.
 */
export function mapBoxToSource(box: Box, letterbox: LetterboxParams): Box {
  const { ratio, padLeft, padTop, sourceWidth, sourceHeight } = letterbox;
  const toX = (x: number): number => clamp((x - padLeft) / ratio, sourceWidth);
  const toY = (y: number): number => clamp((y - padTop) / ratio, sourceHeight);
  return { x1: toX(box.x1), y1: toY(box.y1), x2: toX(box.x2), y2: toY(box.y2) };
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}
