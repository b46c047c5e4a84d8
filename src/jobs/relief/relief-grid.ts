import type { Size } from '@app/inference';

/** Cells of the height field: `columns` along X (image width), `rows` along Z (image height). */
export interface ReliefGrid {
  readonly columns: number;
  readonly rows: number;
}

/** The longer image side gets `resolution` cells; the shorter one keeps the aspect ratio (>= 1). */
export function reliefGridFor(image: Size, resolution: number): ReliefGrid {
  if (image.width >= image.height) {
    return { columns: resolution, rows: shorterSide(image.height / image.width, resolution) };
  }
  return { columns: shorterSide(image.width / image.height, resolution), rows: resolution };
}

function shorterSide(aspect: number, resolution: number): number {
  return Math.max(1, Math.round(aspect * resolution));
}
