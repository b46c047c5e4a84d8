import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../metadata/onnx-metadata';
import { TreeEnsembleModel, evaluateTreeEnsemble } from '../models/tree-ensemble-model';
import { maxAbsDiff, runRows } from '../testing/onnx-test-session';
import { randomEnsemble } from '../testing/random-trees';
import { SeededRandom } from '../testing/seeded-random';
import { roundThresholdsForFloat32 } from './float32-thresholds';
import { buildTreeEnsembleOnnx } from './tree-ensemble-onnx';

describe('buildTreeEnsembleOnnx', () => {
  for (const nTargets of [1, 3]) {
    for (const batch of [1, 400]) {
      it(`matches the TypeScript ensemble (${nTargets} target(s), batch ${batch})`, async () => {
        const random = new SeededRandom(nTargets * 100 + batch);
        const training = random.matrix(200, 5, -4, 4);
        const trained = randomEnsemble(random, training, { trees: 30, depth: 4, nTargets });
        const { model } = roundThresholdsForFloat32(trained, training);
        // Fresh rows, plus (for the large batch) the training rows that sit next to the thresholds.
        const rows =
          batch === 1
            ? random.matrix(1, 5, -5, 5)
            : [...random.matrix(batch - training.length, 5, -5, 5), ...training];

        const actual = await runRows(buildTreeEnsembleOnnx(model), rows);

        expect(
          maxAbsDiff(
            actual,
            rows.map((row) => evaluateTreeEnsemble(model, row)),
          ),
        ).toBeLessThan(1e-5);
      });
    }
  }

  it('gives the float64 training predictions for every training row after float32 rounding', async () => {
    const random = new SeededRandom(99);
    const training = Array.from({ length: 300 }, () => [
      random.uniform(0, 1),
      random.uniform(-1e3, 1e3),
    ]);
    const trained = randomEnsemble(random, training, { trees: 20, depth: 5, nTargets: 1 });
    const { model } = roundThresholdsForFloat32(trained, training);

    const actual = await runRows(buildTreeEnsembleOnnx(model), training);

    expect(
      maxAbsDiff(
        actual,
        training.map((row) => evaluateTreeEnsemble(trained, row)),
      ),
    ).toBeLessThan(1e-5);
  });

  it('routes missing values (NaN) as the split says', async () => {
    const model: TreeEnsembleModel = {
      nFeatures: 1,
      nTargets: 1,
      trees: [
        {
          nodes: [
            { kind: 'split', feature: 0, threshold: 0.5, left: 1, right: 2 },
            { kind: 'leaf', values: [1] },
            { kind: 'leaf', values: [2] },
          ],
        },
        {
          nodes: [
            { kind: 'split', feature: 0, threshold: 0.5, left: 1, right: 2, missingGoesLeft: true },
            { kind: 'leaf', values: [10] },
            { kind: 'leaf', values: [20] },
          ],
        },
      ],
    };
    const rows = [[NaN], [0.25], [0.75]];

    const actual = await runRows(buildTreeEnsembleOnnx(model), rows);

    expect(actual).toEqual([[12], [11], [22]]);
    expect(rows.map((row) => evaluateTreeEnsemble(model, row))).toEqual(actual);
  });

  it('declares the ai.onnx.ml opset 3 and writes deterministic bytes', () => {
    const make = (): Uint8Array => {
      const random = new SeededRandom(1);
      const training = random.matrix(50, 3);
      return buildTreeEnsembleOnnx(
        randomEnsemble(random, training, { trees: 5, depth: 3, nTargets: 2 }),
        {
          metadata: { features: 'a,b,c' },
        },
      );
    };
    const bytes = make();

    expect(Buffer.from(make()).equals(Buffer.from(bytes))).toBe(true);
    const metadata = readOnnxMetadata(bytes);
    expect(metadata.opsetImports).toEqual([
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ]);
    expect(metadata.outputs).toEqual([
      { name: 'prediction', elementType: 'float32', shape: ['batch', 2] },
    ]);
  });

  it('rejects malformed trees', () => {
    const leaf = { kind: 'leaf' as const, values: [1] };
    const bad = (nodes: TreeEnsembleModel['trees'][number]['nodes']): TreeEnsembleModel => ({
      nFeatures: 2,
      nTargets: 1,
      trees: [{ nodes }],
    });
    expect(() =>
      buildTreeEnsembleOnnx(
        bad([{ kind: 'split', feature: 0, threshold: 0, left: 1, right: 5 }, leaf]),
      ),
    ).toThrow(/out of range/);
    expect(() =>
      buildTreeEnsembleOnnx(
        bad([{ kind: 'split', feature: 3, threshold: 0, left: 1, right: 2 }, leaf, leaf]),
      ),
    ).toThrow(/feature 3/);
    expect(() =>
      buildTreeEnsembleOnnx(
        bad([{ kind: 'split', feature: 0, threshold: 0, left: 1, right: 1 }, leaf]),
      ),
    ).toThrow(/reached twice/);
    expect(() => buildTreeEnsembleOnnx(bad([{ kind: 'leaf', values: [1, 2] }]))).toThrow(
      /expected 1/,
    );
  });
});
