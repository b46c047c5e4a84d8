// Tabular regression: histogram gradient boosting, random forest and linear regression, exported to ONNX.
export { trainRegressor, trainRegressorOnTable, REGRESSOR_ONNX_CONTRACT } from './train-regressor';
export type {
  Algorithm,
  AlgorithmParams,
  ColumnSpec,
  FeatureImportance,
  GradientBoostingParams,
  LinearRegressionParams,
  RandomForestParams,
  RegressionMetrics,
  TabularTrainingData,
  TrainingOptions,
  TrainingOutcome,
  TrainingProgress,
} from './regression-types';
export { ALGORITHMS } from './regression-types';
export { ALGORITHM_DEFAULTS, TrainingParamsError, resolveParams } from './regression-params';
export {
  TrainingDataError,
  featureTableFromRows,
  featureTableTransferList,
  hashFeatureTable,
} from './feature-table';
export type {
  CategoricalColumn,
  FeatureColumn,
  FeatureTable,
  NumericColumn,
} from './feature-table';
export { CATEGORICAL_INPUT, NUMERIC_INPUT, PREDICTION_OUTPUT } from './model-features';
export type { RegressorFeature } from './model-features';
export { readRegressorFeatures, regressorFeeds, rowsFromRecords } from './regressor-feeds';
export type { RawRow } from './regressor-feeds';
export { OnnxParityError, runRegressorOnnx, verifyOnnxParity } from './onnx-parity';
export type { ParityReport, ParityTolerance } from './onnx-parity';
export { regressionMetrics } from './regression-metrics';
