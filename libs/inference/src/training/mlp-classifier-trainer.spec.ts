import { describe, expect, it } from 'vitest';
import { evaluateMlp } from '../models/mlp-model';
import { buildMlpOnnx } from '../onnx-writer/mlp-onnx';
import { maxAbsDiff, runRows } from '../testing/onnx-test-session';
import { binaryClassificationMetrics } from './classification-metrics';
import { MlpClassifierOptions, trainMlpClassifier } from './mlp-classifier-trainer';
import { SeededRandom } from './seeded-random';

/**
 * Linearly separable points whose two features live on very different scales (so training only works with the
 * standardisation): class 1 when x/1000 + 50·y > 0.5.
 */
function separableData(seed: number, count: number): { rows: number[][]; labels: number[] } {
  const random = new SeededRandom(seed);
  const rows = Array.from({ length: count }, () => [
    random.uniform(0, 1000),
    random.uniform(-0.01, 0.01),
  ]);
  return { rows, labels: rows.map(([x, y]) => (x / 1000 + 50 * y > 0.5 ? 1 : 0)) };
}

const options: MlpClassifierOptions = {
  hiddenSizes: [6],
  epochs: 30,
  batchSize: 32,
  learningRate: 0.02,
  seed: 17,
};

const heldOutAccuracy = (settings: MlpClassifierOptions): number => {
  const train = separableData(1, 1000);
  const test = separableData(2, 500);
  const { model } = trainMlpClassifier(train.rows, train.labels, settings);
  const predicted = test.rows.map((row) => (evaluateMlp(model, row)[0] >= 0.5 ? 1 : 0));
  return binaryClassificationMetrics(test.labels, predicted).accuracy ?? 0;
};

describe('trainMlpClassifier', () => {
  it('learns a linearly separable problem to over 95 % held-out accuracy (tanh)', () => {
    expect(heldOutAccuracy(options)).toBeGreaterThan(0.95);
  });

  it('learns it with relu hidden units too', () => {
    expect(heldOutAccuracy({ ...options, hiddenActivation: 'relu' })).toBeGreaterThan(0.95);
  });

  it('lowers the training loss and stores the training standardisation in the model', () => {
    const { rows, labels } = separableData(1, 1000);
    const { model, epochLosses } = trainMlpClassifier(rows, labels, options);
    expect(epochLosses).toHaveLength(30);
    expect(epochLosses[29]).toBeLessThan(epochLosses[0] / 3);
    const meanX = rows.reduce((sum, row) => sum + row[0], 0) / rows.length;
    expect(model.standardization?.mean[0]).toBe(Math.fround(meanX));
    expect(model.outputSigmoid).toBe(true);
    expect(model.layers.map((layer) => [layer.weights.length, layer.activation])).toEqual([
      [6, 'tanh'],
      [1, 'identity'],
    ]);
  });

  it('gives identical weights for the same seed and different weights for another', () => {
    const { rows, labels } = separableData(3, 400);
    const first = trainMlpClassifier(rows, labels, { ...options, epochs: 5 });
    const second = trainMlpClassifier(rows, labels, { ...options, epochs: 5 });
    const other = trainMlpClassifier(rows, labels, { ...options, epochs: 5, seed: 18 });
    expect(second).toEqual(first);
    expect(other.model.layers).not.toEqual(first.model.layers);
  });

  it('returns float32 parameters, so ONNX Runtime on the written file agrees with evaluateMlp', async () => {
    const { rows, labels } = separableData(4, 400);
    const { model } = trainMlpClassifier(rows, labels, { ...options, epochs: 5 });
    const weights = model.layers.flatMap((layer) => [...layer.weights.flat(), ...layer.bias]);
    expect(weights.every((value) => Math.fround(value) === value)).toBe(true);

    const inputs = rows.slice(0, 50).map((row) => row.map(Math.fround));
    const onnx = await runRows(buildMlpOnnx(model), inputs);
    expect(
      maxAbsDiff(
        onnx,
        inputs.map((row) => evaluateMlp(model, row)),
      ),
    ).toBeLessThan(1e-5);
  });

  it('rejects unusable input', () => {
    expect(() => trainMlpClassifier([], [], options)).toThrow(/no training rows/);
    expect(() => trainMlpClassifier([[1]], [1, 0], options)).toThrow(/1 rows but 2 labels/);
    expect(() => trainMlpClassifier([[1]], [2], options)).toThrow(/0 or 1/);
    expect(() => trainMlpClassifier([[1]], [1], { ...options, batchSize: 0 })).toThrow(/positive/);
  });
});
