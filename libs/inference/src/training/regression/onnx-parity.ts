import { InferenceSession } from 'onnxruntime-node';
import { readOnnxMetadata } from '../../metadata/onnx-metadata';
import { PREDICTION_OUTPUT } from './model-features';
import { RawRow, readRegressorFeatures, regressorFeeds } from './regressor-feeds';

export interface ParityTolerance {
  /** Allowed difference relative to the TypeScript prediction (default 1e-4). */
  relative: number;
  /** Allowed absolute difference (default 1e-6 × the largest |prediction|, at least 1e-6). */
  absolute?: number;
}

export interface ParityReport {
  rows: number;
  maxAbsDiff: number;
  maxRelDiff: number;
}

export class OnnxParityError extends Error {
  override readonly name = 'OnnxParityError';
}

/** Runs an exported regressor on raw rows (in its `features` order) with ONNX Runtime. */
export async function runRegressorOnnx(
  onnx: Uint8Array,
  rows: readonly RawRow[],
): Promise<Float32Array> {
  const features = readRegressorFeatures(readOnnxMetadata(onnx).metadataProps);
  const session = await InferenceSession.create(onnx);
  try {
    const result = await session.run(regressorFeeds(features, rows));
    return result[PREDICTION_OUTPUT].data as Float32Array;
  } finally {
    await session.release();
  }
}

/**
 * Checks that ONNX Runtime predicts what the TypeScript model predicted on the same raw rows
 * (e.g. the holdout): throws `OnnxParityError` naming the first row that differs beyond
 * `relative·|ts| + absolute`, and how many do.
 */
export async function verifyOnnxParity(
  onnx: Uint8Array,
  rows: readonly RawRow[],
  tsPredictions: readonly number[],
  tolerance: ParityTolerance = { relative: 1e-4 },
): Promise<ParityReport> {
  if (rows.length !== tsPredictions.length) {
    throw new OnnxParityError(
      `${rows.length} rows but ${tsPredictions.length} TypeScript predictions`,
    );
  }
  if (rows.length === 0) return { rows: 0, maxAbsDiff: 0, maxRelDiff: 0 };
  const onnxPredictions = await runRegressorOnnx(onnx, rows);
  if (onnxPredictions.length !== rows.length) {
    throw new OnnxParityError(
      `ONNX Runtime returned ${onnxPredictions.length} predictions for ${rows.length} rows`,
    );
  }
  let largest = 0;
  for (const value of tsPredictions) largest = Math.max(largest, Math.abs(value));
  const absolute = tolerance.absolute ?? Math.max(1e-6, 1e-6 * largest);
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let failures = 0;
  let first = -1;
  for (let i = 0; i < rows.length; i++) {
    const expected = tsPredictions[i];
    const actual = onnxPredictions[i];
    const diff = Math.abs(actual - expected);
    const bad = !(diff <= tolerance.relative * Math.abs(expected) + absolute);
    maxAbsDiff = Number.isNaN(diff) ? Infinity : Math.max(maxAbsDiff, diff);
    maxRelDiff = Math.max(
      maxRelDiff,
      Number.isNaN(diff) ? Infinity : diff / Math.max(Math.abs(expected), 1e-12),
    );
    if (bad) {
      failures++;
      if (first < 0) first = i;
    }
  }
  if (failures > 0) {
    throw new OnnxParityError(
      `ONNX Runtime and the TypeScript model disagree on ${failures} of ${rows.length} rows; ` +
        `first at row ${first}: ONNX ${onnxPredictions[first]} vs TypeScript ${tsPredictions[first]} ` +
        `(tolerance ${tolerance.relative} relative + ${absolute} absolute)`,
    );
  }
  return { rows: rows.length, maxAbsDiff, maxRelDiff };
}
