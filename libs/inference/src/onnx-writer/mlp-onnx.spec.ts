import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../metadata/onnx-metadata';
import { Activation, DenseLayer, MlpModel, evaluateMlp } from '../models/mlp-model';
import { maxAbsDiff, runRows } from '../testing/onnx-test-session';
import { SeededRandom } from '../testing/seeded-random';
import { buildMlpOnnx } from './mlp-onnx';

function randomLayer(
  random: SeededRandom,
  inputs: number,
  outputs: number,
  activation: Activation,
): DenseLayer {
  return { weights: random.matrix(outputs, inputs), bias: random.float32s(outputs), activation };
}

function randomMlp(random: SeededRandom, sizes: number[], activations: Activation[]): MlpModel {
  return {
    layers: activations.map((activation, i) =>
      randomLayer(random, sizes[i], sizes[i + 1], activation),
    ),
  };
}

describe('buildMlpOnnx', () => {
  const cases: { label: string; sizes: number[]; activations: Activation[] }[] = [
    { label: 'relu hidden', sizes: [6, 16, 3], activations: ['relu', 'identity'] },
    { label: 'tanh hidden', sizes: [5, 8, 8, 2], activations: ['tanh', 'tanh', 'identity'] },
    { label: 'sigmoid activations', sizes: [4, 7, 1], activations: ['sigmoid', 'sigmoid'] },
    { label: 'single identity layer', sizes: [9, 4], activations: ['identity'] },
  ];

  for (const { label, sizes, activations } of cases) {
    for (const batch of [1, 300]) {
      it(`matches the TypeScript forward pass (${label}, batch ${batch})`, async () => {
        const random = new SeededRandom(sizes.length * 1000 + batch);
        const model = randomMlp(random, sizes, activations);
        const rows = random.matrix(batch, sizes[0], -3, 3);

        const actual = await runRows(buildMlpOnnx(model), rows);

        expect(
          maxAbsDiff(
            actual,
            rows.map((row) => evaluateMlp(model, row)),
          ),
        ).toBeLessThan(1e-5);
      });
    }
  }

  it('standardises raw features inside the graph and applies the output sigmoid', async () => {
    const random = new SeededRandom(7);
    const model: MlpModel = {
      ...randomMlp(random, [3, 10, 1], ['relu', 'identity']),
      standardization: { mean: [100, -5, 0.5], std: [20, 2, 0.1] },
      outputSigmoid: true,
    };
    const rows = Array.from({ length: 64 }, () => [
      Math.fround(random.uniform(60, 140)),
      Math.fround(random.uniform(-9, -1)),
      Math.fround(random.uniform(0.3, 0.7)),
    ]);
    const bytes = buildMlpOnnx(model);

    const actual = await runRows(bytes, rows);

    expect(
      maxAbsDiff(
        actual,
        rows.map((row) => evaluateMlp(model, row)),
      ),
    ).toBeLessThan(1e-5);
    expect(actual.every(([p]) => p > 0 && p < 1)).toBe(true);
    // Without the scaler the same raw rows give different outputs: the Sub/Div nodes matter.
    const unscaled = rows.map((row) => evaluateMlp({ ...model, standardization: undefined }, row));
    expect(maxAbsDiff(actual, unscaled)).toBeGreaterThan(1e-3);
  });

  it('names its output "probability" with a final sigmoid, "output" otherwise, and honours overrides', () => {
    const random = new SeededRandom(3);
    const base = randomMlp(random, [2, 1], ['identity']);

    expect(readOnnxMetadata(buildMlpOnnx({ ...base, outputSigmoid: true })).outputs[0].name).toBe(
      'probability',
    );
    expect(readOnnxMetadata(buildMlpOnnx(base)).outputs[0].name).toBe('output');
    const custom = readOnnxMetadata(
      buildMlpOnnx(base, { inputName: 'features', outputName: 'score' }),
    );
    expect(custom.inputs).toEqual([
      { name: 'features', elementType: 'float32', shape: ['batch', 2] },
    ]);
    expect(custom.outputs).toEqual([
      { name: 'score', elementType: 'float32', shape: ['batch', 1] },
    ]);
  });

  it('writes byte-identical output for the same model and metadata', () => {
    const build = (): Uint8Array => {
      const random = new SeededRandom(11);
      const model = randomMlp(random, [4, 6, 2], ['tanh', 'identity']);
      return buildMlpOnnx(model, { metadata: { b: '2', a: '1' }, producerVersion: '1.0.0' });
    };
    const first = Buffer.from(build());
    const second = Buffer.from(build());

    expect(first.equals(second)).toBe(true);
    // Metadata key order does not change the bytes either.
    const random = new SeededRandom(11);
    const model = randomMlp(random, [4, 6, 2], ['tanh', 'identity']);
    const reordered = buildMlpOnnx(model, {
      metadata: { a: '1', b: '2' },
      producerVersion: '1.0.0',
    });
    expect(Buffer.from(reordered).equals(first)).toBe(true);
  });

  it('rejects layers that do not chain and non-positive standard deviations', () => {
    const random = new SeededRandom(5);
    const broken: MlpModel = {
      layers: [randomLayer(random, 3, 4, 'relu'), randomLayer(random, 5, 1, 'identity')],
    };
    expect(() => buildMlpOnnx(broken)).toThrow(/expected 4/);
    const zeroStd: MlpModel = {
      ...randomMlp(random, [2, 1], ['identity']),
      standardization: { mean: [0, 0], std: [1, 0] },
    };
    expect(() => buildMlpOnnx(zeroStd)).toThrow(/std/);
  });
});
