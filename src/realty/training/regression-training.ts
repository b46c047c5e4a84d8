/**
 * The training engine's vocabulary as the realty module uses it (the engine lives in @app/inference's
 * training/regression and runs in a worker thread, see training-thread.ts).
 */
export const REALTY_ALGORITHMS = [
  'gradient_boosting',
  'random_forest',
  'linear_regression',
] as const;
export type RealtyAlgorithm = (typeof REALTY_ALGORITHMS)[number];

export interface RegressionMetrics {
  r2: number;
  mae: number;
  rmse: number;
}

/** What the module needs from one training: the model, how good it is, and what went into it. */
export interface TrainedPriceModel {
  onnx: Uint8Array;
  metrics: RegressionMetrics & { trainRows: number; holdoutRows: number };
  featureImportance: { feature: string; importance: number }[];
  holdout: { rowIndices: number[]; actual: number[]; predicted: number[] };
  params: Record<string, number | boolean | string>;
  dataHash: string;
  durationMs: number;
}

export interface TrainingData {
  columns: { name: string; kind: 'numeric' | 'categorical' }[];
  rows: (number | string | null)[][];
  target: number[];
}
