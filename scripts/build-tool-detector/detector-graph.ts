import {
  encodeOnnxModel,
  float32ValueInfo,
  intAttribute,
  intsAttribute,
  type OnnxModelInfo,
} from '@app/inference';
import { GraphBuilder } from './graph-builder';

/** One class the detector recognises: a flat glyph of one colour. */
export interface GlyphClass {
  readonly name: string;
  /** sRGB 0..255 */
  readonly colour: readonly [number, number, number];
  /** Share of its bounding box a clean glyph of this class covers (0..1]. */
  readonly expectedFill: number;
}

/** An anchor grid: one anchor every `stride` px, looking at a window of +-`radius` px around it. */
export interface DetectorHead {
  readonly stride: number;
  readonly radius: number;
}

export interface GlyphDetectorSettings {
  /** Square input side, pixels (a multiple of every stride). */
  readonly inputSize: number;
  readonly classes: readonly GlyphClass[];
  /** A pixel belongs to a class when its colour is within this Euclidean distance (0..255 units). */
  readonly colourTolerance: number;
  readonly heads: readonly DetectorHead[];
  /** A window needs at least this many class pixels for its anchor to report an object. */
  readonly minPixels: number;
  /**
   * Declare the input as `[batch, 3, height, width]` like a dynamic Ultralytics export (the graph
   * still only runs at `inputSize`; used to test loading such exports). Default: static.
   */
  readonly dynamicShapes?: boolean;
}

/**
 * Coordinates are pooled per cell of CELL x CELL pixels before the anchor windows, which are whole cells.
 * Extents stay exact (a max keeps the coordinate); only "does the mask touch the window's border" is
 * decided per cell.
 */
const CELL = 16;
/**
 * A glyph covering this share of its class's expected fill already scores full marks on that factor: after
 * JPEG, resizing and the blur, a glyph's edges and thin parts lose pixels, the more so the smaller it is.
 */
const FULL_MARKS_FILL = 0.85;
/** Larger than any coordinate: `BIG - x` keeps minima positive so MaxPool can find them. */
const BIG = 4096;

/**
 * Builds the fixed-weight glyph detector as an ONNX graph with the interface of an Ultralytics YOLOv8
 * detection export: input `images` [1, 3, S, S] (RGB 0..1), output `output0` [1, 4 + classes, anchors]
 * with cx, cy, w, h in input pixels, then one score per class.
 *
 * Per class, a pixel mask (squared colour distance below the tolerance, after a 3x3 blur). Per anchor
 * and class, the extent of the mask inside the anchor's window (MaxPool over coordinate-weighted masks,
 * separable) and its pixel count (AveragePool). An anchor reports a class only when the mask lies wholly
 * inside its window (not touching its border); the score is (fill / expected fill)^2, capped at 1, times
 * the anchor's centredness in the box. Each anchor keeps the box of its best class.
 */
export function buildGlyphDetectorGraph(
  settings: GlyphDetectorSettings,
  info: OnnxModelInfo,
): Uint8Array {
  validate(settings);
  const g = new GraphBuilder();
  const size = settings.inputSize;
  const classes = settings.classes.length;
  const tolerance = settings.colourTolerance / 255;

  // A 3x3 box blur, separable, against JPEG noise and fringes.
  const blurredRows = g.op('AveragePool', ['images'], 'blurred_rows', [
    intsAttribute('kernel_shape', [1, 3]),
    intsAttribute('pads', [0, 1, 0, 1]),
    intAttribute('count_include_pad', 0),
  ]);
  const blurred = g.op('AveragePool', [blurredRows], 'blurred', [
    intsAttribute('kernel_shape', [3, 1]),
    intsAttribute('pads', [1, 0, 1, 0]),
    intAttribute('count_include_pad', 0),
  ]);
  // Colour masks: |p - c|^2 < t^2, written |p|^2 - 2 p.c < t^2 - |c|^2: one MatMul over the pixels
  // ([C, 3] x [3, S*S]) for every class at once, then one comparison with a per-class bound.
  const pixels = g.op('Reshape', [blurred, g.int64s('pixel_rows', [1, 3, size * size])], 'pixels');
  const squares = g.op('ReduceSumSquare', [pixels], 'pixel_norm2', [
    intsAttribute('axes', [1]),
    intAttribute('keepdims', 1),
  ]);
  const unit = settings.classes.map((c) => c.colour.map((v) => v / 255));
  const weights = g.floats(
    'colour_weights',
    unit.flatMap((c) => c.map((v) => -2 * v)),
    [classes, 3],
  );
  const bounds = g.floats(
    'colour_bounds',
    unit.map((c) => tolerance * tolerance - c.reduce((sum, v) => sum + v * v, 0)),
    [classes, 1],
  );
  const cross = g.op('MatMul', [weights, pixels], 'colour_cross');
  const distance = g.op('Add', [cross, squares], 'colour_distance_part');
  const insideRows = g.op('Less', [distance, bounds], 'in_colour_rows');
  const inside = g.op(
    'Reshape',
    [insideRows, g.int64s('class_planes', [1, classes, size, size])],
    'in_colour',
  );
  const mask = g.op('Cast', [inside], 'class_mask', [intAttribute('to', 1)]);

  // Per cell: extreme coordinates of the mask (exact: max keeps the value) and its occupancy.
  // Separable: the largest x of a cell is the largest (x + 1) times "some pixel of its rows is on".
  const pool = (op: string, input: string, name: string, kernel: [number, number]): string =>
    g.op(op, [input], name, [
      intsAttribute('kernel_shape', kernel),
      intsAttribute('strides', kernel),
    ]);
  const columnsOn = pool('MaxPool', mask, 'cell_row_columns_on', [CELL, 1]); // [1, C, S/16, S]
  const rowsOn = pool('MaxPool', mask, 'cell_column_rows_on', [1, CELL]); // [1, C, S, S/16]
  const positions = Array.from({ length: size }, (_, i) => i);
  const extremes = [
    ['right', columnsOn, positions.map((x) => x + 1), [1, 1, 1, size], [1, CELL]],
    ['left', columnsOn, positions.map((x) => BIG - x), [1, 1, 1, size], [1, CELL]],
    ['bottom', rowsOn, positions.map((y) => y + 1), [1, 1, size, 1], [CELL, 1]],
    ['top', rowsOn, positions.map((y) => BIG - y), [1, 1, size, 1], [CELL, 1]],
  ] as const;
  const cellExtremes = extremes.map(([name, on, values, dims, kernel]) => {
    const weighted = g.op('Mul', [on, g.floats(`${name}_coordinate`, values, dims)], `on_${name}`);
    return pool('MaxPool', weighted, `cell_${name}`, [...kernel]);
  });
  const cells = g.op('Concat', cellExtremes, 'cell_extremes', [intAttribute('axis', 1)]);
  const occupancy = pool(
    'AveragePool',
    pool('AveragePool', mask, 'cell_row_occupancy', [CELL, 1]),
    'cell_occupancy',
    [1, CELL],
  );

  const heads = settings.heads.map((head) => buildHead(g, settings, head, cells, occupancy));
  g.op('Concat', heads, 'output0', [intAttribute('axis', 2)]);
  const anchors = settings.heads.reduce((sum, h) => sum + (size / h.stride) ** 2, 0);
  return encodeOnnxModel(
    g.spec(
      'tool_glyph_detector',
      [
        float32ValueInfo(
          'images',
          settings.dynamicShapes ? ['batch', 3, 'height', 'width'] : [1, 3, size, size],
        ),
      ],
      [
        float32ValueInfo(
          'output0',
          settings.dynamicShapes ? ['batch', 4 + classes, 'anchors'] : [1, 4 + classes, anchors],
        ),
      ],
    ),
    info,
  );
}

function buildHead(
  g: GraphBuilder,
  settings: GlyphDetectorSettings,
  head: DetectorHead,
  cells: string,
  occupancy: string,
): string {
  const { stride, radius } = head;
  const classes = settings.classes.length;
  const grid = settings.inputSize / stride;
  const step = stride / CELL;
  const window = (2 * radius) / CELL;
  const pad = (window - step) / 2;
  const tag = `s${stride}`;
  const separable = (
    op: string,
    input: string,
    name: string,
    extra: ReturnType<typeof intAttribute>[] = [],
  ) => {
    const rows = g.op(op, [input], `${name}_rows_${tag}`, [
      intsAttribute('kernel_shape', [1, window]),
      intsAttribute('strides', [1, step]),
      intsAttribute('pads', [0, pad, 0, pad]),
      ...extra,
    ]);
    return g.op(op, [rows], `${name}_${tag}`, [
      intsAttribute('kernel_shape', [window, 1]),
      intsAttribute('strides', [step, 1]),
      intsAttribute('pads', [pad, 0, pad, 0]),
      ...extra,
    ]);
  };
  const extremes = separable('MaxPool', cells, 'window_extremes');
  const [right, left, bottom, top] = g.ops(
    'Split',
    [extremes],
    ['x2', 'left', 'y2', 'top'].map((n) => `${n}_${tag}`),
    [intAttribute('axis', 1)],
  );
  const big = g.scalar(`big_${tag}`, BIG);
  const x1 = g.op('Sub', [big, left], `x1_${tag}`);
  const y1 = g.op('Sub', [big, top], `y1_${tag}`);
  const x2 = right;
  const y2 = bottom;
  const meanOccupancy = separable('AveragePool', occupancy, 'window_occupancy', [
    intAttribute('count_include_pad', 1),
  ]);
  const count = g.op(
    'Mul',
    [meanOccupancy, g.scalar(`window_pixels_${tag}`, window * window * CELL * CELL)],
    `count_${tag}`,
  );

  // Anchor centres and window edges, in input pixels.
  const centres = Array.from({ length: grid }, (_, i) => stride * i + stride / 2);
  const ax = g.floats(`anchor_x_${tag}`, centres, [1, 1, 1, grid]);
  const ay = g.floats(`anchor_y_${tag}`, centres, [1, 1, grid, 1]);
  const edge = (name: string, offset: number, dims: number[]) =>
    g.floats(
      `${name}_${tag}`,
      centres.map((c) => c + offset),
      dims,
    );
  // Touching the outermost cell of the window means the mask may continue outside it.
  const conditions = [
    g.op(
      'GreaterOrEqual',
      [x1, edge('window_left', -radius + CELL, [1, 1, 1, grid])],
      `left_inside_${tag}`,
    ),
    g.op(
      'LessOrEqual',
      [x2, edge('window_right', radius - CELL, [1, 1, 1, grid])],
      `right_inside_${tag}`,
    ),
    g.op(
      'GreaterOrEqual',
      [y1, edge('window_top', -radius + CELL, [1, 1, grid, 1])],
      `top_inside_${tag}`,
    ),
    g.op(
      'LessOrEqual',
      [y2, edge('window_bottom', radius - CELL, [1, 1, grid, 1])],
      `bottom_inside_${tag}`,
    ),
    g.op(
      'GreaterOrEqual',
      [count, g.scalar(`min_pixels_${tag}`, settings.minPixels)],
      `enough_pixels_${tag}`,
    ),
  ];
  const valid = conditions
    .slice(1)
    .reduce((all, next, i) => g.op('And', [all, next], `valid${i}_${tag}`), conditions[0]);
  const validFloat = g.op('Cast', [valid], `valid_${tag}`, [intAttribute('to', 1)]);

  const width = g.op('Sub', [x2, x1], `w_${tag}`);
  const height = g.op('Sub', [y2, y1], `h_${tag}`);
  const half = g.scalar(`half_${tag}`, 0.5);
  const cx = g.op('Mul', [g.op('Add', [x1, x2], `x1x2_${tag}`), half], `cx_${tag}`);
  const cy = g.op('Mul', [g.op('Add', [y1, y2], `y1y2_${tag}`), half], `cy_${tag}`);

  const one = g.scalar(`one_${tag}`, 1);
  const area = g.op('Max', [g.op('Mul', [width, height], `raw_area_${tag}`), one], `area_${tag}`);
  const fill = g.op('Div', [count, area], `fill_${tag}`);
  const expected = g.floats(
    `expected_fill_${tag}`,
    settings.classes.map((c) => c.expectedFill * FULL_MARKS_FILL),
    [1, classes, 1, 1],
  );
  const fillRatio = g.op(
    'Min',
    [g.op('Div', [fill, expected], `fill_ratio_raw_${tag}`), one],
    `fill_ratio_${tag}`,
  );
  const fillScore = g.op('Mul', [fillRatio, fillRatio], `fill_score_${tag}`);
  const offset = g.op(
    'Max',
    [
      g.op('Abs', [g.op('Sub', [cx, ax], `dx_raw_${tag}`)], `dx_${tag}`),
      g.op('Abs', [g.op('Sub', [cy, ay], `dy_raw_${tag}`)], `dy_${tag}`),
    ],
    `offset_${tag}`,
  );
  const centredness = g.op(
    'Relu',
    [
      g.op(
        'Sub',
        [one, g.op('Div', [offset, g.scalar(`radius_${tag}`, radius)], `offset_ratio_${tag}`)],
        `centred_raw_${tag}`,
      ),
    ],
    `centredness_${tag}`,
  );
  const score = g.op(
    'Mul',
    [g.op('Mul', [fillScore, centredness], `quality_${tag}`), validFloat],
    `score_${tag}`,
  );

  // One box per anchor: the one of its best class. [1, C, G, G] -> [1, C, G*G]
  const flatShape = g.int64s(`flat_shape_${tag}`, [1, -1, grid * grid]);
  const flat = (name: string) => g.op('Reshape', [name, flatShape], `${name}_flat`);
  const scores = flat(score);
  const best = g.op('ArgMax', [scores], `best_class_${tag}`, [
    intAttribute('axis', 1),
    intAttribute('keepdims', 1),
  ]);
  const pick = (name: string) =>
    g.op('GatherElements', [flat(name), best], `${name}_best`, [intAttribute('axis', 1)]);
  // The 3x3 blur costs the mask one pixel on every side: the reported box gets it back.
  const blurMargin = g.scalar(`blur_margin_${tag}`, 2);
  const boxWidth = g.op('Add', [width, blurMargin], `box_w_${tag}`);
  const boxHeight = g.op('Add', [height, blurMargin], `box_h_${tag}`);
  return g.op(
    'Concat',
    [pick(cx), pick(cy), pick(boxWidth), pick(boxHeight), scores],
    `head_${tag}`,
    [intAttribute('axis', 1)],
  );
}

function validate(settings: GlyphDetectorSettings): void {
  for (const head of settings.heads) {
    const window = (2 * head.radius) / CELL;
    const step = head.stride / CELL;
    if (
      settings.inputSize % head.stride !== 0 ||
      head.stride % CELL !== 0 ||
      !Number.isInteger(window) ||
      (window - step) % 2 !== 0 ||
      window < step
    ) {
      throw new RangeError(
        `Head stride ${head.stride} radius ${head.radius} does not tile the input`,
      );
    }
  }
}
