import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../../metadata/onnx-metadata';
import { splitTrainTest } from '../data-split';
import { featureTableFromRows, hashFeatureTable, TrainingDataError } from './feature-table';
import { OnnxParityError, runRegressorOnnx, verifyOnnxParity } from './onnx-parity';
import { TrainingParamsError } from './regression-params';
import { syntheticHouses } from './regression-fixtures';
import { readRegressorFeatures, rowsFromRecords } from './regressor-feeds';
import { ALGORITHMS, Algorithm, TrainingOptions, TrainingProgress } from './regression-types';
import { trainRegressor } from './train-regressor';

const SEED = 11;
const data = syntheticHouses(1500, 3);
// One holdout row carries a category the training rows never saw.
data.rows[splitTrainTest(data.rows.length, 0.2, SEED).test[0]][2] = 'purple';

const fast: TrainingOptions['params'] = { maxIterations: 80, nTrees: 15 };
const train = (algorithm: Algorithm, extra: Partial<TrainingOptions> = {}) =>
  trainRegressor(data, { algorithm, seed: SEED, params: fast, ...extra });
const holdoutRows = (rowIndices: number[]) => rowIndices.map((i) => data.rows[i]);

describe('trainRegressor', () => {
  describe.each(ALGORITHMS)('%s', (algorithm) => {
    const outcome = train(algorithm);

    it('evaluates on the seeded holdout', () => {
      expect(outcome.metrics.holdoutRows).toBe(300);
      expect(outcome.metrics.trainRows).toBe(1200);
      expect(outcome.holdout.rowIndices).toEqual(splitTrainTest(1500, 0.2, SEED).test);
      expect(outcome.holdout.actual).toEqual(outcome.holdout.rowIndices.map((i) => data.target[i]));
      expect(outcome.metrics.r2).toBeGreaterThan(algorithm === 'linear_regression' ? 0.8 : 0.9);
      expect(outcome.metrics.rmse).toBeGreaterThanOrEqual(outcome.metrics.mae);
    });

    it('exports ONNX that ONNX Runtime evaluates like the TypeScript model (categories, missing values)', async () => {
      const report = await verifyOnnxParity(
        outcome.onnx,
        holdoutRows(outcome.holdout.rowIndices),
        outcome.holdout.predicted,
      );
      expect(report.rows).toBe(300);
      expect(report.maxRelDiff).toBeLessThan(1e-4);
    });

    it('describes itself in the ONNX metadata', () => {
      const metadata = readOnnxMetadata(outcome.onnx);
      expect(metadata.irVersion).toBe(8);
      expect(metadata.opsetImports).toEqual(
        expect.arrayContaining([
          { domain: '', version: 17 },
          { domain: 'ai.onnx.ml', version: 3 },
        ]),
      );
      const props = metadata.metadataProps;
      expect(props.algorithm).toBe(algorithm);
      expect(JSON.parse(props.metrics)).toEqual(outcome.metrics);
      expect(JSON.parse(props.params)).toEqual(outcome.params);
      expect(JSON.parse(props.encodings)).toEqual(outcome.encodings);
      expect(props.data_hash).toBe(hashFeatureTable(featureTableFromRows(data)));
      expect(readRegressorFeatures(props)).toEqual([
        { name: 'a', kind: 'numeric', input: 'numeric', index: 0 },
        { name: 'b', kind: 'numeric', input: 'numeric', index: 1 },
        { name: 'colour', kind: 'categorical', input: 'categorical', index: 0 },
      ]);
      expect(metadata.inputs.map((input) => [input.name, input.elementType])).toEqual([
        ['numeric', 'float32'],
        ['categorical', 'string'],
      ]);
      expect(outcome.encodings.colour.sort()).toEqual(['blue', 'green', 'red']);
    });

    it('ranks the features by importance', () => {
      expect(outcome.featureImportance.map((f) => f.feature)[0]).toBe('a');
      const total = outcome.featureImportance.reduce((sum, f) => sum + f.importance, 0);
      expect(total).toBeCloseTo(1, 9);
    });
  });

  it('is deterministic for a seed, byte for byte', () => {
    for (const algorithm of ALGORITHMS) {
      const a = train(algorithm, { params: { maxIterations: 20, nTrees: 3 } });
      const b = train(algorithm, { params: { maxIterations: 20, nTrees: 3 } });
      expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
      expect(a.holdout).toEqual(b.holdout);
    }
    const other = train('linear_regression', { seed: SEED + 1 });
    expect(other.holdout.rowIndices).not.toEqual(train('linear_regression').holdout.rowIndices);
  });

  it('reports progress in order, through every stage, ending at 1', () => {
    const events: TrainingProgress[] = [];
    train('gradient_boosting', { onProgress: (p) => events.push(p) });
    const fractions = events.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(events.filter((e) => e.stage === 'fitting').length).toBeGreaterThan(20);
    expect(events.at(-1)).toEqual({ stage: 'exporting', fraction: 1 });
  });

  it('rejects bad rows and bad parameters, naming the problem', () => {
    const bad = {
      ...data,
      rows: data.rows.map((row, i) => (i === 7 ? ['many', ...row.slice(1)] : row)),
    };
    expect(() => trainRegressor(bad, { algorithm: 'linear_regression', seed: 1 })).toThrow(
      new TrainingDataError('row 7, column a: "many" is not a number'),
    );
    expect(() => trainRegressor(data, { algorithm: 'svm' as Algorithm, seed: 1 })).toThrow(
      TrainingParamsError,
    );
    expect(() =>
      trainRegressor(data, {
        algorithm: 'gradient_boosting',
        seed: 1,
        params: { maxLeafNodes: 1.5 },
      }),
    ).toThrow(/maxLeafNodes must be an integer/);
    expect(() =>
      trainRegressor(data, { algorithm: 'linear_regression', seed: 1, holdoutFraction: 1 }),
    ).toThrow(/holdoutFraction must be in \(0, 1\)/);
    const manyCategories = {
      columns: [{ name: 'id', kind: 'categorical' as const }],
      rows: Array.from({ length: 3000 }, (_, i) => [`house ${i}`]),
      target: Array.from({ length: 3000 }, (_, i) => i),
    };
    expect(() =>
      trainRegressor(manyCategories, { algorithm: 'linear_regression', seed: 1 }),
    ).toThrow(/2400 encoded columns .* exceed 2000/);
    const tiny = { ...data, rows: data.rows.slice(0, 2), target: data.target.slice(0, 2) };
    expect(() => trainRegressor(tiny, { algorithm: 'linear_regression', seed: 1 })).toThrow(
      /too few/,
    );
  });
});

describe('verifyOnnxParity', () => {
  const outcome = train('gradient_boosting');
  const rows = holdoutRows(outcome.holdout.rowIndices);

  function corrupt(mutate: (node: onnx.INodeProto) => void): Uint8Array {
    const model = onnx.ModelProto.decode(outcome.onnx);
    const trees = model.graph?.node?.find((node) => node.opType === 'TreeEnsembleRegressor');
    if (!trees) throw new Error('no tree node');
    mutate(trees);
    return onnx.ModelProto.encode(model).finish();
  }

  it('throws when one leaf of the exported model differs', async () => {
    const broken = corrupt((node) => {
      const weights = node.attribute?.find((a) => a.name === 'target_weights');
      if (weights?.floats) weights.floats[5] += 3;
    });
    await expect(verifyOnnxParity(broken, rows, outcome.holdout.predicted)).rejects.toThrow(
      OnnxParityError,
    );
    await expect(verifyOnnxParity(broken, rows, outcome.holdout.predicted)).rejects.toThrow(
      /disagree on \d+ of 300 rows; first at row \d+/,
    );
  });

  it('throws when a threshold moved', async () => {
    const broken = corrupt((node) => {
      const values = node.attribute?.find((a) => a.name === 'nodes_values');
      if (values?.floats) values.floats[0] += 2;
    });
    await expect(verifyOnnxParity(broken, rows, outcome.holdout.predicted)).rejects.toThrow(
      OnnxParityError,
    );
  });

  it('throws on a length mismatch and passes an intact model', async () => {
    await expect(
      verifyOnnxParity(outcome.onnx, rows.slice(1), outcome.holdout.predicted),
    ).rejects.toThrow(/299 rows/);
    await expect(
      verifyOnnxParity(outcome.onnx, rows, outcome.holdout.predicted),
    ).resolves.toMatchObject({ rows: 300 });
  });

  it('predicts from records by column name, unknown keys and categories included', async () => {
    const features = readRegressorFeatures(readOnnxMetadata(outcome.onnx).metadataProps);
    const records = [
      { colour: 'red', b: 1, a: 4 },
      { b: 1 },
      { a: 4, b: 1, colour: 'never seen', extra: 'x' },
    ];
    const predictions = await runRegressorOnnx(outcome.onnx, rowsFromRecords(features, records));
    expect(predictions).toHaveLength(3);
    expect(predictions.every((p) => Number.isFinite(p))).toBe(true);
    expect(predictions[0]).not.toBeCloseTo(predictions[2], 1);
  });
});

describe('hashFeatureTable', () => {
  it('changes with any value and not with the route taken', () => {
    const hash = hashFeatureTable(featureTableFromRows(data));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashFeatureTable(featureTableFromRows(data))).toBe(hash);
    const changed = { ...data, target: data.target.map((y, i) => (i === 3 ? y + 1 : y)) };
    expect(hashFeatureTable(featureTableFromRows(changed))).not.toBe(hash);
  });
});
