import { onnx } from 'onnx-proto';
import { Activation, MlpModel, validateMlp } from '../models/mlp-model';
import {
  OnnxModelInfo,
  encodeOnnxModel,
  float32Initializer,
  float32ValueInfo,
  graphNode,
  intAttribute,
} from './onnx-graph';

/** Names and descriptive fields of a written MLP / linear model. */
export interface DenseOnnxOptions extends OnnxModelInfo {
  /** Graph input name (default `input`), shape [batch, features]. */
  inputName?: string;
  /** Graph output name; default `probability` with `outputSigmoid`, otherwise `output`. */
  outputName?: string;
  /** Symbolic name of the batch dimension (default `batch`). */
  batchDim?: string;
  graphName?: string;
}

const ACTIVATION_OPS: Record<Activation, string | null> = {
  identity: null,
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
};

/**
 * Writes an MLP as ONNX: optional Sub/Div standardisation, then one Gemm (transB=1) per layer
 * followed by its activation, then an optional Sigmoid. Input and output are float32
 * [batch, width] with a dynamic batch dimension.
 */
export function buildMlpOnnx(model: MlpModel, options: DenseOnnxOptions = {}): Uint8Array {
  const { inputSize, outputSize } = validateMlp(model);
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? (model.outputSigmoid ? 'probability' : 'output');
  const batchDim = options.batchDim ?? 'batch';
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  let current = inputName;
  const emit = (
    opType: string,
    inputs: string[],
    output: string,
    attributes: onnx.IAttributeProto[] = [],
  ): void => {
    nodes.push(graphNode(opType, [current, ...inputs], [output], { attributes }));
    current = output;
  };

  if (model.standardization) {
    initializers.push(float32Initializer('scaler_mean', model.standardization.mean, [inputSize]));
    initializers.push(float32Initializer('scaler_std', model.standardization.std, [inputSize]));
    emit('Sub', ['scaler_mean'], 'centered');
    emit('Div', ['scaler_std'], 'standardized');
  }
  model.layers.forEach((layer, index) => {
    const weight = `dense${index}_weight`;
    const bias = `dense${index}_bias`;
    const shape = [layer.weights.length, layer.weights[0].length];
    initializers.push(float32Initializer(weight, layer.weights.flat(), shape));
    initializers.push(float32Initializer(bias, layer.bias, [layer.bias.length]));
    emit('Gemm', [weight, bias], `dense${index}_linear`, [intAttribute('transB', 1)]);
    const op = ACTIVATION_OPS[layer.activation];
    if (op) emit(op, [], `dense${index}_${layer.activation}`);
  });
  if (model.outputSigmoid) emit('Sigmoid', [], 'output_sigmoid');

  // The last node writes the graph output directly.
  const last = nodes[nodes.length - 1];
  last.output = [outputName];
  return encodeOnnxModel(
    {
      name: options.graphName ?? 'mlp',
      nodes,
      inputs: [float32ValueInfo(inputName, [batchDim, inputSize])],
      outputs: [float32ValueInfo(outputName, [batchDim, outputSize])],
      initializers,
    },
    options,
  );
}
