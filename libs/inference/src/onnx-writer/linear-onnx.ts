import { LinearModel } from '../models/linear-model';
import { DenseOnnxOptions, buildMlpOnnx } from './mlp-onnx';

/**
 * Writes a linear regressor as a single Gemm (default domain, so it runs on any ONNX runtime
 * without the ai.onnx.ml operators). Input float32 [batch, features], output float32
 * [batch, 1] named `prediction` unless told otherwise.
 */
export function buildLinearRegressorOnnx(
  model: LinearModel,
  options: DenseOnnxOptions = {},
): Uint8Array {
  if (model.coefficients.length === 0)
    throw new Error('Linear model needs at least one coefficient');
  return buildMlpOnnx(
    {
      layers: [{ weights: [model.coefficients], bias: [model.intercept], activation: 'identity' }],
    },
    {
      ...options,
      outputName: options.outputName ?? 'prediction',
      graphName: options.graphName ?? 'linear_regressor',
    },
  );
}
