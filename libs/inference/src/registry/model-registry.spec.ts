import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { afterEach, describe, expect, it } from 'vitest';
import { InferenceOutputs } from '../runtime/inference-types';
import { markedLinearBytes, tinyMlpBytes } from '../testing/test-models';
import { InferenceEvent } from './model-listing';
import { ModelRegistry } from './model-registry';
import {
  ActiveVersionUnloadError,
  ModelVersionConflictError,
  UnknownModelError,
} from './model-registry.errors';

const features = (values = [1, 2, 3, 4]): { input: Tensor } => ({
  input: new Tensor('float32', Float32Array.from(values), [values.length / 4, 4]),
});
const prediction = (outputs: InferenceOutputs): number =>
  (outputs.prediction.data as Float32Array)[0];

describe('ModelRegistry', () => {
  let registry: ModelRegistry;

  afterEach(async () => {
    await registry.close();
  });

  it('loads versions, activates the first one, and lists signature, metadata and load facts', async () => {
    registry = new ModelRegistry();
    const dir = await mkdtemp(join(tmpdir(), 'registry-'));
    try {
      const path = join(dir, 'churn-v1.onnx');
      await writeFile(path, tinyMlpBytes(1, { model_name: 'churn' }));
      await registry.load('churn', 'v1', path, { required: true });
      await registry.load('churn', 'v2', tinyMlpBytes(2));

      const [churn] = registry.list();
      expect(churn).toMatchObject({ name: 'churn', activeVersion: 'v1', required: true });
      expect(churn.versions.map((v) => [v.version, v.active, v.sourcePath])).toEqual([
        ['v1', true, path],
        ['v2', false, null],
      ]);
      const v1 = churn.versions[0];
      expect(v1.inputs).toEqual([{ name: 'input', elementType: 'float32', shape: ['batch', 4] }]);
      expect(v1.outputs).toEqual([
        { name: 'probability', elementType: 'float32', shape: ['batch', 2] },
      ]);
      expect(v1.metadata).toEqual({ model_name: 'churn' });
      expect(new Date(v1.loadedAt).toISOString()).toBe(v1.loadedAt);
      expect(v1.loadTimeMs).toBeGreaterThanOrEqual(0);
      expect(v1.stats).toMatchObject({ count: 0, errors: 0, p50Ms: null });
      expect(registry.get('churn').metadataProps).toEqual({ model_name: 'churn' });
      expect(registry.get('churn', 'v2').sourcePath).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs the models named in ownThreadModels in threads of their own, unless a load says otherwise', async () => {
    registry = new ModelRegistry({ ownThreadModels: ['detector'] });
    await registry.load('detector', 'v1', markedLinearBytes(1));
    await registry.load('detector', 'v2', markedLinearBytes(2), { ownThread: false });
    await registry.load('scorer', 'v1', markedLinearBytes(3));

    expect(registry.get('detector', 'v1').ownThread).toBe(true);
    expect(registry.get('detector', 'v2').ownThread).toBe(false);
    expect(registry.get('scorer').ownThread).toBe(false);
    expect(prediction(await registry.run('detector', features()))).toBeCloseTo(11, 5);
    expect(registry.list()[0].versions[0].stats).toMatchObject({ count: 1, errors: 0 });
  });

  it('runs the active version or a requested one, and switches on activate', async () => {
    registry = new ModelRegistry();
    await registry.load('price', 'a', markedLinearBytes(100));
    await registry.load('price', 'b', markedLinearBytes(200));

    expect(prediction(await registry.run('price', features()))).toBe(110);
    expect(prediction(await registry.run('price', features(), { version: 'b' }))).toBe(210);
    registry.activate('price', 'b');
    expect(prediction(await registry.run('price', features()))).toBe(210);
    await registry.load('price', 'c', markedLinearBytes(300), { activate: true });
    expect(registry.activeVersion('price')).toBe('c');
  });

  it('refuses duplicate versions, unknown models and unloading the active version without force', async () => {
    registry = new ModelRegistry();
    await registry.load('m', 'v1', markedLinearBytes(0));

    await expect(registry.load('m', 'v1', markedLinearBytes(0))).rejects.toBeInstanceOf(
      ModelVersionConflictError,
    );
    await expect(registry.run('nope', features())).rejects.toBeInstanceOf(UnknownModelError);
    await expect(registry.run('m', features(), { version: 'v9' })).rejects.toBeInstanceOf(
      UnknownModelError,
    );
    expect(() => registry.activate('m', 'v9')).toThrow(UnknownModelError);
    await expect(registry.unload('m', 'v1')).rejects.toBeInstanceOf(ActiveVersionUnloadError);

    const model = registry.get('m');
    await registry.unload('m', 'v1', { force: true });
    expect(model.isReleased).toBe(true);
    expect(registry.has('m')).toBe(false);
    await expect(registry.run('m', features())).rejects.toBeInstanceOf(UnknownModelError);
  });

  for (const microBatch of [false, true]) {
    it(`swaps versions under load without failing in-flight runs (micro-batching ${microBatch ? 'on' : 'off'})`, async () => {
      registry = new ModelRegistry({
        microBatch: { enabled: microBatch, windowMs: 1, maxBatch: 32 },
      });
      await registry.load('price', 'old', markedLinearBytes(1000));
      await registry.load('price', 'new', markedLinearBytes(2000));
      const oldModel = registry.get('price', 'old');

      const first = Array.from({ length: 150 }, () => registry.run('price', features()));
      registry.activate('price', 'new');
      const unloaded = registry
        .unload('price', 'old')
        .then(() => ({ released: oldModel.isReleased }));
      const second = Array.from({ length: 150 }, () => registry.run('price', features()));

      const answers = (await Promise.all([...first, ...second])).map(prediction);
      expect(answers.slice(0, 150)).toEqual(Array(150).fill(1010));
      expect(answers.slice(150)).toEqual(Array(150).fill(2010));
      expect(await unloaded).toEqual({ released: true });
      expect(registry.list()[0].versions.map((v) => v.version)).toEqual(['new']);
      expect(registry.list()[0].versions[0]).toMatchObject({
        microBatched: microBatch,
        inFlight: 0,
      });
    });
  }

  it('waits for in-flight runs before releasing an unloaded session', async () => {
    registry = new ModelRegistry();
    await registry.load('m', 'v1', markedLinearBytes(5));
    await registry.load('m', 'v2', markedLinearBytes(6), { activate: true });
    const v1 = registry.get('m', 'v1');

    const running = registry.run('m', features(), { version: 'v1' });
    const unloading = registry.unload('m', 'v1');
    expect(v1.isReleased).toBe(false);
    expect(prediction(await running)).toBe(15);
    await unloading;
    expect(v1.isReleased).toBe(true);
  });

  it('counts runs and errors per version and reports latency percentiles over a bounded window', async () => {
    registry = new ModelRegistry({ latencyWindow: 8 });
    await registry.load('m', 'v1', markedLinearBytes(0));

    for (let i = 0; i < 20; i++) await registry.run('m', features());
    await expect(registry.run('m', { wrong: features().input })).rejects.toThrow();
    await registry.probe('m');

    const stats = registry.list()[0].versions[0].stats;
    expect(stats).toMatchObject({ count: 20, errors: 1, samples: 8 });
    for (const value of [stats.meanMs, stats.p50Ms, stats.p95Ms, stats.p99Ms])
      expect(value).toBeGreaterThanOrEqual(0);
    expect(stats.p50Ms!).toBeLessThanOrEqual(stats.p99Ms!);
  });

  it('tells onInference listeners about every run and survives a throwing listener', async () => {
    registry = new ModelRegistry();
    await registry.load('m', 'v1', markedLinearBytes(0));
    const events: InferenceEvent[] = [];
    registry.onInference(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = registry.onInference((event) => events.push(event));

    await registry.run('m', features());
    await expect(registry.run('m', {})).rejects.toThrow();
    unsubscribe();
    await registry.run('m', features());

    expect(
      events.map(({ model, version, ok, batched }) => ({ model, version, ok, batched })),
    ).toEqual([
      { model: 'm', version: 'v1', ok: true, batched: false },
      { model: 'm', version: 'v1', ok: false, batched: false },
    ]);
    expect(events[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('micro-batches single rows only, and reports them as batched', async () => {
    registry = new ModelRegistry({ microBatch: { enabled: true, windowMs: 1, maxBatch: 64 } });
    await registry.load('m', 'v1', markedLinearBytes(0));
    const events: InferenceEvent[] = [];
    registry.onInference((event) => events.push(event));

    const single = await registry.run('m', features([1, 1, 1, 1]));
    const batch = await registry.run('m', features([1, 1, 1, 1, 2, 2, 2, 2]));

    expect(prediction(single)).toBe(4);
    expect(Array.from(batch.prediction.data as Float32Array)).toEqual([4, 8]);
    expect(events.map((event) => event.batched)).toEqual([true, false]);
    await registry.load('m', 'v2', markedLinearBytes(0), { microBatch: false });
    expect(registry.list()[0].versions.map((v) => v.microBatched)).toEqual([true, false]);
  });

  it('lists required models that are not loaded, and closes by releasing every session', async () => {
    registry = new ModelRegistry();
    registry.markRequired('detector');
    await registry.load('m', 'v1', markedLinearBytes(0));
    const model = registry.get('m');

    expect(
      registry
        .list()
        .map(({ name, activeVersion, required }) => ({ name, activeVersion, required })),
    ).toEqual([
      { name: 'detector', activeVersion: null, required: true },
      { name: 'm', activeVersion: 'v1', required: false },
    ]);
    await registry.close();

    expect(model.isReleased).toBe(true);
    expect(registry.list().map((listing) => listing.versions.length)).toEqual([0]);
    await expect(registry.load('m', 'v2', markedLinearBytes(0))).rejects.toThrow(/closed/);
  });
});
