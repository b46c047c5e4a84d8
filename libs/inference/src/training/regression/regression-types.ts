/** The regressors `trainRegressor` can fit. */
export type Algorithm = 'gradient_boosting' | 'random_forest' | 'linear_regression';

export const ALGORITHMS: readonly Algorithm[] = [
  'gradient_boosting',
  'random_forest',
  'linear_regression',
];

/** One input column of a tabular dataset. */
export interface ColumnSpec {
  name: string;
  kind: 'numeric' | 'categorical';
}

/** Raw rows in `columns` order (null = missing) and one numeric target per row. */
export interface TabularTrainingData {
  columns: ColumnSpec[];
  rows: Array<Array<number | string | null>>;
  target: number[];
}

export interface GradientBoostingParams {
  /** Boosting iterations (trees), default 400. */
  maxIterations: number;
  learningRate: number;
  maxLeafNodes: number;
  /** Depth limit; 0 = unlimited (growth is bounded by maxLeafNodes). */
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  /** Quantile bins per feature (≤ 255; one more bin holds missing values). */
  maxBins: number;
  /** 'auto' = on when there are more than 10,000 training rows (as scikit-learn). */
  earlyStopping: boolean | 'auto';
  validationFraction: number;
  nIterNoChange: number;
  tolerance: number;
}

export interface RandomForestParams {
  nTrees: number;
  /** Depth limit; 0 = unlimited. */
  maxDepth: number;
  minSamplesLeaf: number;
  /** Fraction of the features tried at each split. */
  maxFeatures: number;
  maxBins: number;
}

export interface LinearRegressionParams {
  /** Ridge penalty on the standardised coefficients (tiny: keeps one-hot columns solvable). */
  ridge: number;
}

export interface AlgorithmParams {
  gradient_boosting: GradientBoostingParams;
  random_forest: RandomForestParams;
  linear_regression: LinearRegressionParams;
}

export type AnyAlgorithmParams =
  GradientBoostingParams | RandomForestParams | LinearRegressionParams;

/** A progress report: `stage` names the step, `fraction` is the whole run's progress in [0, 1]. */
export interface TrainingProgress {
  stage: 'preparing' | 'binning' | 'fitting' | 'evaluating' | 'exporting';
  fraction: number;
}

export interface TrainingOptions {
  algorithm: Algorithm;
  seed: number;
  /** Share of rows held out for the metrics (default 0.2). */
  holdoutFraction?: number;
  /** Overrides of the algorithm's defaults. */
  params?: Partial<GradientBoostingParams & RandomForestParams & LinearRegressionParams>;
  onProgress?: (progress: TrainingProgress) => void;
}

export interface RegressionMetrics {
  r2: number;
  mae: number;
  rmse: number;
  trainRows: number;
  holdoutRows: number;
}

export interface FeatureImportance {
  feature: string;
  importance: number;
}

export interface TrainingOutcome {
  algorithm: Algorithm;
  /** The parameters actually used (defaults filled in); for boosting also `iterations` run. */
  params: Record<string, number | boolean | string>;
  metrics: RegressionMetrics;
  /** One entry per column, normalised to sum to 1, largest first. */
  featureImportance: FeatureImportance[];
  /** The model as ONNX (raw rows in, price out); see `REGRESSOR_ONNX_CONTRACT`. */
  onnx: Uint8Array;
  holdout: {
    /** Indices of the holdout rows in the training data. */
    rowIndices: number[];
    actual: number[];
    /** The TypeScript model's predictions (what `verifyOnnxParity` compares ONNX Runtime with). */
    predicted: number[];
  };
  /** Per categorical column, its categories in code order. */
  encodings: Record<string, string[]>;
  /** sha256 (hex) of the training data (see `hashFeatureTable`). */
  dataHash: string;
  durationMs: number;
}
