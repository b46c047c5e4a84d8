import { MlpModel } from '../models/mlp-model';
import { AdamOptimizer } from './adam-optimizer';
import {
  HiddenActivation,
  backward,
  forward,
  initLayers,
  toDenseLayers,
  zeroGradients,
} from './dense-network';
import { SeededRandom } from './seeded-random';
import { fitStandardization, standardizeRows } from './standardization';

/** How to train a binary MLP classifier. Everything random (initial weights, batch order) comes from `seed`. */
export interface MlpClassifierOptions {
  /** Widths of the hidden layers, e.g. [8]. */
  hiddenSizes: readonly number[];
  /** Default tanh. */
  hiddenActivation?: HiddenActivation;
  epochs: number;
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  seed: number;
  /** L2 penalty on the weights (not biases) added to the mean loss; default 0. */
  l2?: number;
  /** Adam moment decay rates and epsilon; defaults 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface MlpClassifierTraining {
  /**
   * Takes raw features (standardisation fitted on the training rows is part of it) and outputs the probability of
   * class 1 (`outputSigmoid`). Parameters are rounded to float32, so `evaluateMlp` on it matches ONNX Runtime on
   * the file `buildMlpOnnx` writes from it.
   */
  model: MlpModel;
  /** Mean binary cross-entropy of each epoch, measured on each batch before its update. */
  epochLosses: number[];
}

/** Binary cross-entropy of a logit, computed without overflow. */
const crossEntropy = (logit: number, label: number): number =>
  Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));

function checkInputs(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: MlpClassifierOptions,
): void {
  if (rows.length === 0) throw new RangeError('no training rows');
  if (rows.length !== labels.length) {
    throw new RangeError(`${rows.length} rows but ${labels.length} labels`);
  }
  if (labels.some((label) => label !== 0 && label !== 1))
    throw new RangeError('labels must be 0 or 1');
  const positiveInts = [options.epochs, options.batchSize, ...options.hiddenSizes];
  if (positiveInts.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new RangeError('epochs, batchSize and hidden sizes must be positive integers');
  }
  if (!(options.learningRate > 0)) throw new RangeError('learningRate must be > 0');
}

/**
 * Trains an MLP for binary classification: standardised inputs, dense hidden layers, one logit output with a
 * sigmoid, binary cross-entropy, mini-batch Adam for a fixed number of epochs. Deterministic for a given seed.
 */
export function trainMlpClassifier(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: MlpClassifierOptions,
): MlpClassifierTraining {
  checkInputs(rows, labels, options);
  // Rounded to float32 before use, so training sees the same scaling the ONNX file applies.
  const fitted = fitStandardization(rows);
  const standardization = { mean: fitted.mean.map(Math.fround), std: fitted.std.map(Math.fround) };
  const inputs = standardizeRows(rows, standardization);
  const random = new SeededRandom(options.seed);
  const sizes = [rows[0].length, ...options.hiddenSizes, 1];
  const layers = initLayers(sizes, options.hiddenActivation ?? 'tanh', random);
  const parameters = layers.flatMap((layer) => [layer.weights, layer.bias]);
  const optimizer = new AdamOptimizer(parameters, {
    learningRate: options.learningRate,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    epsilon: options.epsilon ?? 1e-8,
  });
  const l2 = options.l2 ?? 0;
  const epochLosses: number[] = [];

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = random.permutation(inputs.length);
    let lossSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const gradients = zeroGradients(layers);
      for (const index of batch) {
        const outputs = forward(layers, inputs[index]);
        const logit = outputs[outputs.length - 1][0];
        lossSum += crossEntropy(logit, labels[index]);
        const probability = 1 / (1 + Math.exp(-logit));
        backward(layers, outputs, Float64Array.of(probability - labels[index]), gradients);
      }
      gradients.forEach((gradient, p) => {
        const weights = parameters[p];
        const decay = p % 2 === 0 ? l2 : 0; // even entries are weight matrices
        for (let k = 0; k < gradient.length; k++) {
          gradient[k] = gradient[k] / batch.length + 2 * decay * weights[k];
        }
      });
      optimizer.step(gradients);
    }
    epochLosses.push(lossSum / inputs.length);
  }

  return {
    model: {
      standardization,
      layers: toDenseLayers(layers),
      outputSigmoid: true,
    },
    epochLosses,
  };
}
