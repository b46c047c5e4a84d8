// Training utilities for the models this project ships (pure TypeScript, deterministic for a seed).
export { SeededRandom } from './seeded-random';
export { fitStandardization, standardizeRows } from './standardization';
export { splitTrainTest } from './data-split';
export type { TrainTestSplit } from './data-split';
export { trainMlpClassifier } from './mlp-classifier-trainer';
export type { MlpClassifierOptions, MlpClassifierTraining } from './mlp-classifier-trainer';
export type { HiddenActivation } from './dense-network';
export {
  binaryClassificationMetrics,
  metricsFromConfusion,
  rocAuc,
} from './classification-metrics';
export type { BinaryClassificationMetrics, ConfusionMatrix } from './classification-metrics';
export * from './regression';
