import { onnx } from 'onnx-proto';
import { MlpModel } from '../models/mlp-model';
import { buildLinearRegressorOnnx } from '../onnx-writer/linear-onnx';
import { buildMlpOnnx } from '../onnx-writer/mlp-onnx';
import {
  encodeOnnxModel,
  float32Initializer,
  float32ValueInfo,
  graphNode,
  int64Initializer,
} from '../onnx-writer/onnx-graph';
import { SeededRandom } from './seeded-random';

/** A small MLP [batch, 4] -> [batch, 2] with seeded weights. */
export function tinyMlp(seed = 1): MlpModel {
  const random = new SeededRandom(seed);
  return {
    layers: [
      { weights: random.matrix(8, 4), bias: random.float32s(8), activation: 'relu' },
      { weights: random.matrix(2, 8), bias: random.float32s(2), activation: 'identity' },
    ],
    outputSigmoid: true,
  };
}

export function tinyMlpBytes(seed = 1, metadata: Record<string, string> = {}): Uint8Array {
  return buildMlpOnnx(tinyMlp(seed), { metadata });
}

/** prediction = x0 + x1 + x2 + x3 + marker: the answer tells which version ran. */
export function markedLinearBytes(marker: number): Uint8Array {
  return buildLinearRegressorOnnx({ coefficients: [1, 1, 1, 1], intercept: marker });
}

/** sum = a + b for two [batch, 3] inputs (a model with two batchable inputs). */
export function twoInputAddBytes(): Uint8Array {
  return encodeOnnxModel({
    name: 'add',
    nodes: [graphNode('Add', ['a', 'b'], ['sum'])],
    inputs: [float32ValueInfo('a', ['batch', 3]), float32ValueInfo('b', ['batch', 3])],
    outputs: [float32ValueInfo('sum', ['batch', 3])],
    initializers: [],
  });
}

/**
 * Reshapes [batch, 3] to [2, -1]: fine for an even batch, an error for batch 1, so its
 * warm-up and health probe (zeros, batch 1) fail while real batch-2 requests succeed.
 */
export function oddBatchFailingBytes(): Uint8Array {
  return encodeOnnxModel({
    name: 'reshape_trap',
    nodes: [graphNode('Reshape', ['x', 'target_shape'], ['y'])],
    inputs: [float32ValueInfo('x', ['batch', 3])],
    outputs: [{ name: 'y', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } }],
    initializers: [int64Initializer('target_shape', [2, -1])],
  });
}

/**
 * y = x·W·W·…·W (`steps` products of [batch, n] by a seeded [n, n]): a model whose run takes a while (n = 512,
 * 8 steps: about 2 GFLOP per row of batch), for tests of what happens while a run is in progress.
 */
export function slowMatMulBytes(n = 512, steps = 8): Uint8Array {
  const random = new SeededRandom(11);
  const weights = Array.from({ length: n * n }, () => (random.next() - 0.5) / Math.sqrt(n));
  const names = Array.from({ length: steps + 1 }, (_, i) =>
    i === 0 ? 'x' : i === steps ? 'y' : `h${i}`,
  );
  return encodeOnnxModel({
    name: 'slow_matmul',
    nodes: names.slice(1).map((name, i) => graphNode('MatMul', [names[i], 'w'], [name])),
    inputs: [float32ValueInfo('x', ['batch', n])],
    outputs: [float32ValueInfo('y', ['batch', n])],
    initializers: [float32Initializer('w', weights, [n, n])],
  });
}
