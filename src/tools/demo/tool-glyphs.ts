/**
 * The eleven tool classes of the shipped demo detector, in class-index order, and how the synthetic
 * photo generator draws each one: a flat glyph of one saturated colour and a class-specific shape.
 * The shipped `tool-detector` model recognises exactly these glyphs (by colour), not real tools.
 */
export const TOOL_CLASS_NAMES = [
  'hammer',
  'screwdriver',
  'wrench',
  'pliers',
  'tape_measure',
  'utility_knife',
  'spirit_level',
  'hex_key',
  'socket_wrench',
  'wire_cutter',
  'flashlight',
] as const;

export type ToolClassName = (typeof TOOL_CLASS_NAMES)[number];

/** One filled part of a glyph, in unit coordinates of the glyph's box (0..1 on each side). */
export type GlyphPart =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r?: number }
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'polygon'; points: ReadonlyArray<readonly [number, number]> };

export interface ToolGlyph {
  readonly className: ToolClassName;
  /** sRGB 0..255. Far from every other class colour and from the neutral background. */
  readonly colour: readonly [number, number, number];
  /** Width / height of the upright glyph (the long side is vertical). */
  readonly aspect: number;
  /** Parts covering the whole unit box: each side of the box is touched by some part. */
  readonly parts: readonly GlyphPart[];
}

const rect = (x: number, y: number, w: number, h: number, r = 0): GlyphPart => ({
  kind: 'rect',
  x,
  y,
  w,
  h,
  r,
});
const ellipse = (cx: number, cy: number, rx: number, ry: number): GlyphPart => ({
  kind: 'ellipse',
  cx,
  cy,
  rx,
  ry,
});
const polygon = (...points: Array<readonly [number, number]>): GlyphPart => ({
  kind: 'polygon',
  points,
});

export const TOOL_GLYPHS: readonly ToolGlyph[] = [
  {
    className: 'hammer',
    colour: [220, 30, 40],
    aspect: 0.7,
    parts: [rect(0, 0, 1, 0.28, 0.04), rect(0.34, 0.2, 0.32, 0.8, 0.05)],
  },
  {
    className: 'screwdriver',
    colour: [240, 200, 20],
    aspect: 0.3,
    parts: [
      rect(0, 0, 1, 0.46, 0.25),
      rect(0.3, 0.4, 0.4, 0.52),
      polygon([0.3, 0.92], [0.7, 0.92], [0.5, 1]),
    ],
  },
  {
    className: 'wrench',
    colour: [30, 80, 220],
    aspect: 0.36,
    parts: [
      polygon([0, 0], [0.3, 0], [0.38, 0.1], [0.62, 0.1], [0.7, 0], [1, 0], [1, 0.2], [0, 0.2]),
      rect(0.25, 0.15, 0.5, 0.7),
      ellipse(0.5, 0.88, 0.5, 0.12),
    ],
  },
  {
    className: 'pliers',
    colour: [30, 170, 60],
    aspect: 0.55,
    parts: [
      polygon([0.32, 0.38], [0.42, 0], [0.58, 0], [0.68, 0.38]),
      ellipse(0.5, 0.45, 0.22, 0.13),
      polygon([0.3, 0.45], [0.5, 0.5], [0.3, 1], [0, 1]),
      polygon([0.7, 0.45], [0.5, 0.5], [0.7, 1], [1, 1]),
      rect(0.36, 0.4, 0.28, 0.3),
    ],
  },
  {
    className: 'tape_measure',
    colour: [245, 120, 20],
    aspect: 0.9,
    parts: [rect(0, 0, 0.86, 1, 0.22), rect(0.7, 0.78, 0.3, 0.16)],
  },
  {
    className: 'utility_knife',
    colour: [210, 40, 200],
    aspect: 0.3,
    parts: [polygon([0.25, 0.28], [0.45, 0], [0.8, 0], [0.8, 0.28]), rect(0, 0.25, 1, 0.75, 0.2)],
  },
  {
    className: 'spirit_level',
    colour: [20, 200, 220],
    aspect: 0.18,
    parts: [rect(0, 0, 1, 1, 0.1)],
  },
  {
    className: 'hex_key',
    colour: [110, 40, 180],
    aspect: 0.45,
    parts: [rect(0, 0, 0.56, 1, 0.08), rect(0, 0.74, 1, 0.26, 0.08)],
  },
  {
    className: 'socket_wrench',
    colour: [150, 230, 40],
    aspect: 0.32,
    parts: [ellipse(0.5, 0.17, 0.5, 0.17), rect(0.3, 0.25, 0.4, 0.75, 0.1)],
  },
  {
    className: 'wire_cutter',
    colour: [250, 130, 180],
    aspect: 0.6,
    parts: [
      ellipse(0.5, 0.2, 0.3, 0.2),
      rect(0.34, 0.25, 0.32, 0.35),
      polygon([0.34, 0.55], [0.5, 0.6], [0.25, 1], [0, 1]),
      polygon([0.66, 0.55], [0.5, 0.6], [0.75, 1], [1, 1]),
    ],
  },
  {
    className: 'flashlight',
    colour: [20, 40, 110],
    aspect: 0.38,
    parts: [rect(0, 0, 1, 0.3, 0.06), rect(0.15, 0.25, 0.7, 0.75, 0.1)],
  },
];

/** The glyph of a class; throws for a name that is not one of {@link TOOL_CLASS_NAMES}. */
export function toolGlyph(className: string): ToolGlyph {
  const glyph = TOOL_GLYPHS.find((candidate) => candidate.className === className);
  if (!glyph) throw new RangeError(`Unknown tool class "${className}"`);
  return glyph;
}
