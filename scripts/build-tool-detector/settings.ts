import type { DetectorHead } from './detector-graph';

export const MODEL_NAME = 'tool-detector';
export const MODEL_VERSION = '1.0.0';
export const ONNX_FILE = `${MODEL_VERSION}.onnx`;
export const INPUT_SIZE = 640;
/** Euclidean RGB distance (0..255) under which a pixel takes a class colour. */
export const COLOUR_TOLERANCE = 42;
/** Smallest object, in mask pixels of the 640 x 640 input. */
export const MIN_PIXELS = 24;
/** Small, medium and large objects: up to ~100, ~270 and ~590 px of the input. */
export const HEADS: readonly DetectorHead[] = [
  { stride: 16, radius: 72 },
  { stride: 32, radius: 160 },
  { stride: 64, radius: 320 },
];
