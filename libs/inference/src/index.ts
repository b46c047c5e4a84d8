// Public API of @app/inference.

// ONNX Runtime tensor type, so callers build feeds without importing onnxruntime-node.
export { Tensor } from 'onnxruntime-node';

// Nest wiring
export { InferenceModule } from './inference.module';
export type { InferenceModuleAsyncOptions } from './inference.module';
export { INFERENCE_OPTIONS } from './inference.options';
export type { InferenceModuleOptions, MicroBatchOptions } from './inference.options';
export { ModelsHealthIndicator } from './health/models.health';
export type { RequiredModelHealth } from './health/models.health';

// Model registry
export { ModelRegistry } from './registry/model-registry';
export type { ModelLoadOptions } from './registry/model-registry';
export {
  ActiveVersionUnloadError,
  ModelVersionConflictError,
  UnknownModelError,
} from './registry/model-registry.errors';
export type {
  InferenceEvent,
  InferenceListener,
  ModelListing,
  ModelVersionListing,
} from './registry/model-listing';
export type { LatencySummary } from './registry/latency-window';

// Sessions
export { LoadedModel } from './runtime/loaded-model';
export type { LoadModelOptions } from './runtime/loaded-model';
export type {
  InferenceFeeds,
  InferenceOutputs,
  ModelSource,
  SessionThreadOptions,
} from './runtime/inference-types';
export { MicroBatcher } from './runtime/micro-batcher';
export { builtScript } from './runtime/built-script';
export { warmUpFeeds, zeroFeeds, zeroTensor } from './runtime/zero-feeds';

// ONNX metadata
export { readOnnxMetadata } from './metadata/onnx-metadata';
export type { OnnxModelMetadata, OpsetImport, TensorSignature } from './metadata/onnx-metadata';

// Models trained in this project, and their TypeScript evaluators
export { applyActivation, evaluateMlp, validateMlp } from './models/mlp-model';
export type { Activation, DenseLayer, MlpModel, Standardization } from './models/mlp-model';
export { evaluateLinear } from './models/linear-model';
export type { LinearModel } from './models/linear-model';
export { evaluateTreeEnsemble, findLeaf, validateTreeEnsemble } from './models/tree-ensemble-model';
export { FlatTreeEnsemble } from './models/flat-tree-ensemble';
export type {
  RegressionTree,
  TreeEnsembleModel,
  TreeLeafNode,
  TreeNode,
  TreeSplitNode,
} from './models/tree-ensemble-model';

// ONNX writer
export { buildMlpOnnx } from './onnx-writer/mlp-onnx';
export type { DenseOnnxOptions } from './onnx-writer/mlp-onnx';
export { buildLinearRegressorOnnx } from './onnx-writer/linear-onnx';
export { buildTreeEnsembleOnnx, treeEnsembleRegressorNode } from './onnx-writer/tree-ensemble-onnx';
export type { TreeEnsembleOnnxOptions } from './onnx-writer/tree-ensemble-onnx';
export {
  float32Below,
  float32SafeThreshold,
  roundThresholdsForFloat32,
} from './onnx-writer/float32-thresholds';
export type { Float32RoundingResult, Float32Threshold } from './onnx-writer/float32-thresholds';
export {
  DEFAULT_PRODUCER_NAME,
  ONNX_DEFAULT_OPSET,
  ONNX_IR_VERSION,
  ONNX_ML_DOMAIN,
  ONNX_ML_OPSET,
  encodeOnnxModel,
  float32Initializer,
  float32ValueInfo,
  floatAttribute,
  floatsAttribute,
  graphNode,
  int64Initializer,
  int64ScalarInitializer,
  intAttribute,
  intsAttribute,
  stringAttribute,
  stringValueInfo,
  stringsAttribute,
} from './onnx-writer/onnx-graph';
export type { GraphDim, OnnxGraphSpec, OnnxModelInfo } from './onnx-writer/onnx-graph';

// Training: seeded PRNG, MLP classifier trainer, binary-classification metrics
export * from './training';

export * from './vision';
