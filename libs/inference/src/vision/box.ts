/** An axis-aligned box in pixel coordinates: top-left corner (x1, y1), bottom-right corner (x2, y2). */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Width and height in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Area of a box; a box with a negative extent has area 0. */
export function boxArea(box: Box): number {
  return Math.max(0, box.x2 - box.x1) * Math.max(0, box.y2 - box.y1);
}

/**
 * Intersection over union of two boxes, with continuous coordinates (no "+1" pixel convention),
 * as torchvision's `box_iou` computes it. Two empty boxes have IoU 0.
 */
export function intersectionOverUnion(a: Box, b: Box): number {
  const width = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const height = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (width <= 0 || height <= 0) {
    return 0;
  }
  const intersection = width * height;
  const union = boxArea(a) + boxArea(b) - intersection;
  return union > 0 ? intersection / union : 0;
}
