import {
  ALGORITHM_DEFAULTS,
  resolveParams,
  verifyOnnxParity,
  type TabularTrainingData,
  type TrainingOptions,
  type TrainingOutcome,
} from '@app/inference';
import { Injectable } from '@nestjs/common';
import { renderTrainingChart } from './training-chart';
import { runTrainingInThread } from './training-thread';
import type { RealtyAlgorithm } from './regression-training';

export interface TrainingSettings {
  algorithm: RealtyAlgorithm;
  seed: number;
  params: Record<string, unknown>;
}

/** Unknown or out-of-range training parameters (the run is refused before it is queued). */
export function paramProblems(
  algorithm: RealtyAlgorithm,
  params: Record<string, unknown>,
): string[] {
  const known = Object.keys(ALGORITHM_DEFAULTS[algorithm]);
  const unknown = Object.keys(params).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    return [`unknown ${algorithm} parameters: ${unknown.join(', ')} (known: ${known.join(', ')})`];
  try {
    resolveParams(algorithm, params as TrainingOptions['params']);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * The training engine behind one port: fits in a worker thread (progress as a fraction of the run), checks ONNX
 * Runtime against the TypeScript model on the holdout rows, and draws the run's chart.
 */
@Injectable()
export class RegressionTrainer {
  train(
    data: TabularTrainingData,
    settings: TrainingSettings,
    onProgress: (fraction: number) => void,
  ): Promise<TrainingOutcome> {
    return runTrainingInThread(
      data,
      {
        algorithm: settings.algorithm,
        seed: settings.seed,
        params: settings.params as TrainingOptions['params'],
      },
      (progress) => onProgress(progress.fraction),
    );
  }

  /** Rejects when ONNX Runtime's predictions differ from the TypeScript model's beyond float tolerance. */
  async verifyParity(data: TabularTrainingData, model: TrainingOutcome): Promise<void> {
    const rows = model.holdout.rowIndices.map((index) => data.rows[index]);
    await verifyOnnxParity(model.onnx, rows, model.holdout.predicted);
  }

  chart(model: TrainingOutcome, targetLabel: string): Buffer {
    return renderTrainingChart({
      algorithm: model.algorithm,
      metrics: model.metrics,
      holdout: model.holdout,
      featureImportance: model.featureImportance,
      targetLabel,
    });
  }
}
