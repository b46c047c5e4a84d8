import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_GLYPHS } from '../../src/tools/demo/tool-glyphs';
import { buildGlyphDetectorGraph, type GlyphClass } from './detector-graph';
import { measureGlyphFills } from './glyph-calibration';
import {
  COLOUR_TOLERANCE,
  HEADS,
  INPUT_SIZE,
  MIN_PIXELS,
  MODEL_NAME,
  MODEL_VERSION,
  ONNX_FILE,
} from './settings';

/** Ultralytics' `names` metadata: a Python dict literal. */
export function pythonNamesDict(names: readonly string[]): string {
  return `{${names.map((name, index) => `${index}: '${name.replace(/['\\]/g, '\\$&')}'`).join(', ')}}`;
}

export interface EncodedToolDetector {
  bytes: Uint8Array;
  classes: GlyphClass[];
}

export interface BuildResult extends EncodedToolDetector {
  onnxPath: string;
}

/** Builds the tool detector and writes `<outputDir>/1.0.0.onnx`. Same code, same bytes. */
export async function buildToolDetector(
  outputDir: string,
  options: { dynamicShapes?: boolean } = {},
): Promise<BuildResult> {
  const { bytes, classes } = await encodeToolDetector(options);
  mkdirSync(outputDir, { recursive: true });
  const onnxPath = join(outputDir, ONNX_FILE);
  writeFileSync(onnxPath, bytes);
  return { onnxPath, bytes, classes };
}

/** The tool detector's ONNX bytes (glyph fills measured first), without writing them anywhere. */
export async function encodeToolDetector(
  options: { dynamicShapes?: boolean } = {},
): Promise<EncodedToolDetector> {
  const fills = await measureGlyphFills(COLOUR_TOLERANCE);
  const classes = TOOL_GLYPHS.map((glyph): GlyphClass => ({
    name: glyph.className,
    colour: glyph.colour,
    expectedFill: fills.get(glyph.className) ?? 1,
  }));
  const bytes = buildGlyphDetectorGraph(
    {
      inputSize: INPUT_SIZE,
      classes,
      colourTolerance: COLOUR_TOLERANCE,
      heads: HEADS,
      minPixels: MIN_PIXELS,
      dynamicShapes: options.dynamicShapes,
    },
    {
      producerName: 'ml-platform scripts/build-tool-detector',
      producerVersion: MODEL_VERSION,
      modelVersion: 1,
      docString:
        'Fixed-weight colour-glyph detector in the Ultralytics YOLOv8 ONNX format. It finds the flat ' +
        'coloured glyphs of the synthetic toolkit photos (src/tools/demo), not real tools.',
      metadata: {
        description: 'Tool glyph detector for synthetic toolkit photos (not a trained network)',
        author: 'ml-platform',
        version: MODEL_VERSION,
        license: 'UNLICENSED',
        task: 'detect',
        batch: '1',
        stride: String(Math.max(...HEADS.map((head) => head.stride))),
        imgsz: `[${INPUT_SIZE}, ${INPUT_SIZE}]`,
        names: pythonNamesDict(classes.map((c) => c.name)),
        model_name: MODEL_NAME,
        colour_tolerance: String(COLOUR_TOLERANCE),
      },
    },
  );
  return { bytes, classes };
}
