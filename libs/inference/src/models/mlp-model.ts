/** Activation applied after a dense layer. */
export type Activation = 'identity' | 'relu' | 'tanh' | 'sigmoid';

/** A fully connected layer: y = activation(W·x + b). */
export interface DenseLayer {
  /** Shape [outputs][inputs]: row `o` holds the weights feeding output `o`. */
  weights: readonly (readonly number[])[];
  /** One bias per output. */
  bias: readonly number[];
  activation: Activation;
}

/** Per-feature standardisation applied to the raw input: (x - mean) / std. */
export interface Standardization {
  mean: readonly number[];
  std: readonly number[];
}

/** A multi-layer perceptron as trained in this project. */
export interface MlpModel {
  layers: readonly DenseLayer[];
  /** When present, the model takes raw features and standardises them itself. */
  standardization?: Standardization;
  /** Apply a sigmoid to the final layer's output (e.g. logits -> probability). */
  outputSigmoid?: boolean;
}

export function applyActivation(activation: Activation, value: number): number {
  switch (activation) {
    case 'identity':
      return value;
    case 'relu':
      return value > 0 ? value : 0;
    case 'tanh':
      return Math.tanh(value);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-value));
  }
}

/** Checks the layer shapes chain together and returns the input and output widths. */
export function validateMlp(model: MlpModel): { inputSize: number; outputSize: number } {
  if (model.layers.length === 0) throw new Error('MLP needs at least one layer');
  let width = model.layers[0].weights[0]?.length ?? 0;
  if (width === 0) throw new Error('MLP layer 0 has no inputs');
  const inputSize = width;
  model.layers.forEach((layer, index) => {
    if (layer.weights.length === 0) throw new Error(`MLP layer ${index} has no outputs`);
    if (layer.bias.length !== layer.weights.length) {
      throw new Error(
        `MLP layer ${index}: ${layer.bias.length} biases for ${layer.weights.length} outputs`,
      );
    }
    for (const row of layer.weights) {
      if (row.length !== width) {
        throw new Error(
          `MLP layer ${index}: weight row of length ${row.length}, expected ${width}`,
        );
      }
    }
    width = layer.weights.length;
  });
  const scaling = model.standardization;
  if (scaling) {
    if (scaling.mean.length !== inputSize || scaling.std.length !== inputSize) {
      throw new Error(`MLP standardisation must have ${inputSize} means and stds`);
    }
    if (scaling.std.some((std) => !(std > 0) || !Number.isFinite(std))) {
      throw new Error('MLP standardisation std values must be finite and > 0');
    }
  }
  return { inputSize, outputSize: width };
}

/** Evaluates the MLP on one row, in float64. Shapes are assumed valid (see validateMlp). */
export function evaluateMlp(model: MlpModel, features: ArrayLike<number>): number[] {
  let current: number[] = Array.from(features);
  const scaling = model.standardization;
  if (scaling) current = current.map((value, i) => (value - scaling.mean[i]) / scaling.std[i]);
  for (const layer of model.layers) {
    const next = new Array<number>(layer.weights.length);
    for (let o = 0; o < layer.weights.length; o++) {
      const row = layer.weights[o];
      let sum = layer.bias[o];
      for (let i = 0; i < row.length; i++) sum += row[i] * current[i];
      next[o] = applyActivation(layer.activation, sum);
    }
    current = next;
  }
  return model.outputSigmoid ? current.map((value) => applyActivation('sigmoid', value)) : current;
}
