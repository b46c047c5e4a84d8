import { DenseLayer, applyActivation } from '../models/mlp-model';
import { SeededRandom } from './seeded-random';

export type HiddenActivation = 'tanh' | 'relu';

/** A dense layer's parameters during training; `weights[o * inputs + i]` feeds output `o` from input `i`. */
export interface TrainableLayer {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
  activation: 'identity' | HiddenActivation;
}

/**
 * Layers for `sizes` (input width first, one output last): hidden layers use `hidden` and Glorot-uniform weights
 * (He-uniform for relu), the output layer is linear (a logit). Biases start at zero.
 */
export function initLayers(
  sizes: readonly number[],
  hidden: HiddenActivation,
  random: SeededRandom,
): TrainableLayer[] {
  return sizes.slice(1).map((outputs, index) => {
    const inputs = sizes[index];
    const isOutput = index === sizes.length - 2;
    const limit =
      hidden === 'relu' && !isOutput ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + outputs));
    const weights = new Float64Array(inputs * outputs);
    for (let k = 0; k < weights.length; k++) weights[k] = random.uniform(-limit, limit);
    return {
      inputs,
      outputs,
      weights,
      bias: new Float64Array(outputs),
      activation: isOutput ? 'identity' : hidden,
    };
  });
}

/** Every layer's output for one row; element 0 is the row itself, the last holds the logit. */
export function forward(layers: readonly TrainableLayer[], row: ArrayLike<number>): Float64Array[] {
  const outputs = [Float64Array.from(row)];
  for (const layer of layers) {
    const input = outputs[outputs.length - 1];
    const output = new Float64Array(layer.outputs);
    for (let o = 0; o < layer.outputs; o++) {
      let sum = layer.bias[o];
      const offset = o * layer.inputs;
      for (let i = 0; i < layer.inputs; i++) sum += layer.weights[offset + i] * input[i];
      output[o] = applyActivation(layer.activation, sum);
    }
    outputs.push(output);
  }
  return outputs;
}

/** Gradients shaped like the layers: [weights, bias] per layer. */
export function zeroGradients(layers: readonly TrainableLayer[]): Float64Array[] {
  return layers.flatMap((layer) => [
    new Float64Array(layer.weights.length),
    new Float64Array(layer.bias.length),
  ]);
}

/** Adds one row's gradients to `gradients`, given the loss derivative with respect to the final outputs. */
export function backward(
  layers: readonly TrainableLayer[],
  outputs: readonly Float64Array[],
  outputDelta: Float64Array,
  gradients: Float64Array[],
): void {
  let delta = outputDelta;
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l];
    const input = outputs[l];
    const weightGrad = gradients[2 * l];
    const biasGrad = gradients[2 * l + 1];
    const previous = new Float64Array(layer.inputs);
    for (let o = 0; o < layer.outputs; o++) {
      const offset = o * layer.inputs;
      biasGrad[o] += delta[o];
      for (let i = 0; i < layer.inputs; i++) {
        weightGrad[offset + i] += delta[o] * input[i];
        previous[i] += delta[o] * layer.weights[offset + i];
      }
    }
    if (l > 0) {
      const below = layers[l - 1].activation;
      for (let i = 0; i < layer.inputs; i++) {
        previous[i] *= below === 'tanh' ? 1 - input[i] * input[i] : input[i] > 0 ? 1 : 0;
      }
    }
    delta = previous;
  }
}

/** The layers as an MlpModel's layers, parameters rounded to float32 (what an ONNX file stores). */
export function toDenseLayers(layers: readonly TrainableLayer[]): DenseLayer[] {
  return layers.map((layer) => ({
    weights: Array.from({ length: layer.outputs }, (_, o) =>
      Array.from(layer.weights.subarray(o * layer.inputs, (o + 1) * layer.inputs), Math.fround),
    ),
    bias: Array.from(layer.bias, Math.fround),
    activation: layer.activation,
  }));
}
