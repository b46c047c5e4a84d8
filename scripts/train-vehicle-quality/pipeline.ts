import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderModelCard } from './model-card';
import { buildVehicleQualityOnnx, verifyOnnxMatchesTypeScript } from './onnx-export';
import { TrainingReport, runTraining } from './training-run';
import { MODEL_VERSION } from './training-settings';

export const MODEL_CARD_FILE = 'MODEL_CARD.md';
export const ONNX_FILE = `${MODEL_VERSION}.onnx`;

export interface PipelineResult {
  report: TrainingReport;
  onnxPath: string;
  cardPath: string;
  /** Largest |ONNX Runtime − evaluateMlp| over the held-out rows. */
  onnxMaxDiff: number;
  trainingMs: number;
}

/** Trains, verifies the ONNX file against the TypeScript evaluator, then writes it and the card to `outputDir`. */
export async function trainVehicleQuality(outputDir: string): Promise<PipelineResult> {
  const started = performance.now();
  const report = runTraining();
  const trainingMs = performance.now() - started;
  const bytes = buildVehicleQualityOnnx(report);
  const onnxMaxDiff = await verifyOnnxMatchesTypeScript(bytes, report);

  mkdirSync(outputDir, { recursive: true });
  const onnxPath = join(outputDir, ONNX_FILE);
  const cardPath = join(outputDir, MODEL_CARD_FILE);
  writeFileSync(onnxPath, bytes);
  writeFileSync(cardPath, renderModelCard(report));
  return { report, onnxPath, cardPath, onnxMaxDiff, trainingMs };
}
