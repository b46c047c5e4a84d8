import { LoadedModel, Tensor, buildMlpOnnx } from '@app/inference';
import { FEATURES } from './data-rule';
import type { TrainingReport } from './training-run';
import {
  MODEL_NAME,
  MODEL_VERSION,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  THRESHOLD,
  TRAINED_ON,
  trainerSummary,
} from './training-settings';

/** Largest difference allowed between ONNX Runtime (float32) and evaluateMlp (float64). */
export const ONNX_TOLERANCE = 1e-5;

const fixed4 = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));

/** The ONNX file: standardisation, dense layers and sigmoid in the graph; what it is in `metadata_props`. */
export function buildVehicleQualityOnnx(report: TrainingReport): Uint8Array {
  const { metrics } = report;
  return buildMlpOnnx(report.model, {
    graphName: 'vehicle_quality',
    inputName: ONNX_INPUT_NAME,
    outputName: ONNX_OUTPUT_NAME,
    modelVersion: 1,
    docString:
      'Probability that a vehicle fails inspection, from three production-line sensor features. ' +
      'Trained on synthetic data; see models/vehicle-quality/MODEL_CARD.md.',
    metadata: {
      model_name: MODEL_NAME,
      version: MODEL_VERSION,
      feature_names: FEATURES.map((f) => f.column).join(','),
      feature_descriptions: FEATURES.map((f) => f.description).join(','),
      feature_units: FEATURES.map((f) => f.unit).join(','),
      feature_ranges: JSON.stringify(FEATURES.map((f) => [f.min, f.max])),
      positive_class: '1 = fails inspection',
      threshold: String(THRESHOLD),
      training_data_sha256: report.csvSha256,
      training_data_rows: String(report.dataset.all.rows),
      trainer: trainerSummary(),
      trained_on: TRAINED_ON,
      held_out_accuracy: fixed4(metrics.accuracy),
      held_out_auc: fixed4(metrics.auc),
    },
  });
}

/**
 * Loads the bytes the way the application does (LoadedModel, warm-up included), runs the held-out rows and
 * throws unless every probability matches evaluateMlp within ONNX_TOLERANCE.
 */
export async function verifyOnnxMatchesTypeScript(
  bytes: Uint8Array,
  report: TrainingReport,
): Promise<number> {
  const { rows, probabilities } = report.heldOut;
  const model = await LoadedModel.load(bytes);
  try {
    const input = new Tensor('float32', Float32Array.from(rows.flat()), [
      rows.length,
      FEATURES.length,
    ]);
    const outputs = await model.run({ [ONNX_INPUT_NAME]: input });
    const onnx = Array.from(outputs[ONNX_OUTPUT_NAME].data as Float32Array);
    if (onnx.length !== probabilities.length) {
      throw new Error(`ONNX returned ${onnx.length} values for ${probabilities.length} rows`);
    }
    let maxDiff = 0;
    onnx.forEach((value, i) => {
      const diff = Math.abs(value - probabilities[i]);
      maxDiff = Number.isNaN(diff) ? Infinity : Math.max(maxDiff, diff);
    });
    if (!(maxDiff <= ONNX_TOLERANCE)) {
      throw new Error(
        `ONNX Runtime and evaluateMlp disagree on the held-out rows by up to ${maxDiff} ` +
          `(allowed ${ONNX_TOLERANCE})`,
      );
    }
    return maxDiff;
  } finally {
    await model.release();
  }
}
