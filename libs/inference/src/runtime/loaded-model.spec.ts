import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMlp } from '../models/mlp-model';
import { SeededRandom } from '../testing/seeded-random';
import { oddBatchFailingBytes, tinyMlp, tinyMlpBytes } from '../testing/test-models';
import { LoadedModel } from './loaded-model';

describe('LoadedModel', () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loaded-model-'));
    path = join(dir, 'tiny.onnx');
    await writeFile(path, tinyMlpBytes(1, { model_name: 'tiny', classes: 'a,b' }));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads from a file path with its signature, metadata_props and load time', async () => {
    const model = await LoadedModel.load(path);
    try {
      expect(model.inputNames).toEqual(['input']);
      expect(model.outputNames).toEqual(['probability']);
      expect(model.inputs).toEqual([
        { name: 'input', elementType: 'float32', shape: ['batch', 4] },
      ]);
      expect(model.outputs).toEqual([
        { name: 'probability', elementType: 'float32', shape: ['batch', 2] },
      ]);
      expect(model.metadataProps).toEqual({ model_name: 'tiny', classes: 'a,b' });
      expect(model.metadata.opsetImports).toEqual([{ domain: '', version: 17 }]);
      expect(model.sourcePath).toBe(path);
      expect(Number.isFinite(model.loadTimeMs) && model.loadTimeMs >= 0).toBe(true);
    } finally {
      await model.release();
    }
  });

  it('loads from bytes with thread options and runs batches like the TypeScript model', async () => {
    const model = await LoadedModel.load(tinyMlpBytes(1), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'parallel',
    });
    try {
      const random = new SeededRandom(5);
      const rows = random.matrix(16, 4);
      const outputs = await model.run({
        input: new Tensor('float32', Float32Array.from(rows.flat()), [16, 4]),
      });

      const probability = outputs.probability;
      expect(probability.dims).toEqual([16, 2]);
      const expected = rows.flatMap((row) => evaluateMlp(tinyMlp(1), row));
      Array.from(probability.data as Float32Array).forEach((value, i) =>
        expect(value).toBeCloseTo(expected[i], 5),
      );
      expect(model.sourcePath).toBeNull();
    } finally {
      await model.release();
    }
  });

  it('fails to load when the warm-up run fails, unless warm-up is off', async () => {
    const quiet = { logSeverityLevel: 4 } as const; // the failures below are expected
    await expect(LoadedModel.load(oddBatchFailingBytes(), quiet)).rejects.toThrow(/warm-up failed/);

    const model = await LoadedModel.load(oddBatchFailingBytes(), { ...quiet, warmUp: false });
    try {
      await expect(model.probe()).rejects.toThrow();
      const even = await model.run({ x: new Tensor('float32', new Float32Array(6), [2, 3]) });
      expect(even.y.dims).toEqual([2, 3]);
    } finally {
      await model.release();
    }
  });

  it('answers a probe on zeros and refuses to run once released', async () => {
    const model = await LoadedModel.load(tinyMlpBytes(2));
    const probe = await model.probe();
    const expected = evaluateMlp(tinyMlp(2), [0, 0, 0, 0]);
    expect(probe.probability.dims).toEqual([1, 2]);
    Array.from(probe.probability.data as Float32Array).forEach((value, i) =>
      expect(value).toBeCloseTo(expected[i], 5),
    );

    await model.release();
    await model.release();
    expect(model.isReleased).toBe(true);
    await expect(
      model.run({ input: new Tensor('float32', new Float32Array(4), [1, 4]) }),
    ).rejects.toThrow(/released/);
  });

  it('rejects bytes that are not a model', async () => {
    await expect(LoadedModel.load(Uint8Array.from([1, 2, 3]))).rejects.toThrow();
  });
});
