import { buildMlpOnnx, ModelRegistry, Tensor } from '@app/inference';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectKeys } from '../src/storage/object-keys';
import { ObjectStorage } from '../src/storage/object-storage';
import { newUserWithKey } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

/** A tiny 2-input logistic model: probability = sigmoid(w·x + b). */
const toyModel = (weight: number): Uint8Array =>
  buildMlpOnnx(
    {
      layers: [{ weights: [[weight, -weight]], bias: [0.1], activation: 'identity' }],
      outputSigmoid: true,
    },
    { metadata: { model_name: 'toy', feature_names: 'a,b' } },
  );

const modelsFolder = (manifest: object, files: Record<string, Uint8Array>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'models-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
};

describe('models loaded from MODELS_DIR', () => {
  let t: TestApp;
  let dir: string;
  let viewerKey: string;

  beforeAll(async () => {
    dir = modelsFolder(
      {
        models: [
          { name: 'toy', version: '1', file: 'toy/1.onnx', required: true },
          { name: 'toy', version: '2', file: 'toy/2.onnx', required: true },
          { name: 'optional', version: '1', file: 'optional/missing.onnx' },
        ],
      },
      { 'toy/1.onnx': toyModel(1), 'toy/2.onnx': toyModel(2) },
    );
    t = await createTestApp({
      env: {
        MODELS_DIR: dir,
        STORAGE_LOCAL_DIR: join(dir, 'storage'),
        INFERENCE_OWN_THREAD_MODELS: 'optional,toy',
      },
    });
    viewerKey = (await newUserWithKey(t)).key;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every listed version, activates the last, and is ready', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info.models).toMatchObject({ status: 'up' });

    const list = await t.http
      .get('/api/v1/inference/models')
      .set('x-api-key', viewerKey)
      .expect(200);
    const toy = list.body.find((m: { name: string }) => m.name === 'toy');
    expect(toy).toMatchObject({ activeVersion: '2', required: true });
    expect(toy.versions.map((v: { version: string }) => v.version)).toEqual(['1', '2']);
    expect(toy.versions[1].inputs[0]).toMatchObject({
      name: 'input',
      elementType: 'float32',
      shape: ['batch', 2],
    });
    expect(toy.versions[1].metadata).toMatchObject({ model_name: 'toy', feature_names: 'a,b' });
    expect(toy.versions.map((v: { ownThread: boolean }) => v.ownThread)).toEqual([true, true]);
    expect(list.body.some((m: { name: string }) => m.name === 'optional')).toBe(false);
  });

  it('counts inferences and their latency per version', async () => {
    const registry = t.app.get(ModelRegistry);
    const input = new Tensor('float32', Float32Array.from([1, 0]), [1, 2]);
    const output = await registry.run('toy', { input });
    expect(output.probability.data[0]).toBeCloseTo(1 / (1 + Math.exp(-(2 + 0.1))), 5);
    await registry.run('toy', { input });
    const toy = (
      await t.http.get('/api/v1/inference/models').set('x-api-key', viewerKey)
    ).body.find((m: { name: string }) => m.name === 'toy');
    expect(toy.versions[1].stats).toMatchObject({ count: 2, errors: 0 });
    expect(toy.versions[1].stats.p50Ms).toBeGreaterThan(0);
  });

  it('lets an admin switch the active version', async () => {
    await t.http
      .post('/api/v1/inference/models/toy/versions/1/activate')
      .set('x-api-key', viewerKey)
      .expect(403);
    await t.http
      .post('/api/v1/inference/models/toy/versions/9/activate')
      .set('x-api-key', t.adminKey)
      .expect(404);
    await t.http
      .post('/api/v1/inference/models/nope/versions/1/activate')
      .set('x-api-key', t.adminKey)
      .expect(404);
    const switched = await t.http
      .post('/api/v1/inference/models/toy/versions/1/activate')
      .set('x-api-key', t.adminKey)
      .expect(200);
    expect(switched.body.activeVersion).toBe('1');
    const output = await t.app
      .get(ModelRegistry)
      .run('toy', { input: new Tensor('float32', Float32Array.from([1, 0]), [1, 2]) });
    expect(output.probability.data[0]).toBeCloseTo(1 / (1 + Math.exp(-(1 + 0.1))), 5);
  });
});

describe('models loaded from storage at run time', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = modelsFolder(
      { models: [{ name: 'toy', version: '1', file: 'toy/1.onnx' }] },
      { 'toy/1.onnx': toyModel(1) },
    );
    t = await createTestApp({
      env: {
        MODELS_DIR: dir,
        STORAGE_LOCAL_DIR: join(dir, 'storage'),
        INFERENCE_OWN_THREAD_MODELS: 'optional,toy',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a version from storage, switches to it, and unloads the old one', async () => {
    const storage = t.app.get(ObjectStorage);
    const key = t.app.get(ObjectKeys).generate('models/toy', '3.onnx');
    await storage.put(key, Buffer.from(toyModel(3)), { contentType: 'application/octet-stream' });
    const url = '/api/v1/inference/models/toy/versions';

    const loaded = await t.http
      .post(url)
      .set('x-api-key', t.adminKey)
      .send({ version: '3', storageKey: key, activate: true })
      .expect(201);
    expect(loaded.body).toMatchObject({ name: 'toy', activeVersion: '3' });
    const output = await t.app
      .get(ModelRegistry)
      .run('toy', { input: new Tensor('float32', Float32Array.from([1, 0]), [1, 2]) });
    expect(output.probability.data[0]).toBeCloseTo(1 / (1 + Math.exp(-(3 + 0.1))), 5);

    await t.http
      .post(url)
      .set('x-api-key', t.adminKey)
      .send({ version: '3', storageKey: key })
      .expect(409);
    const text = t.app.get(ObjectKeys).generate('models/toy', 'notes.onnx');
    await storage.put(text, Buffer.from('not a model'), { contentType: 'text/plain' });
    await t.http
      .post(url)
      .set('x-api-key', t.adminKey)
      .send({ version: '4', storageKey: text })
      .expect(422);
    await t.http
      .post(url)
      .set('x-api-key', t.adminKey)
      .send({
        version: '5',
        storageKey: 'models/toy/01939a8e-0000-7000-8000-000000000000/none.onnx',
      })
      .expect(404);

    await t.http.delete(`${url}/3`).set('x-api-key', t.adminKey).expect(409);
    await t.http.delete(`${url}/1`).set('x-api-key', t.adminKey).expect(204);
    await t.http.delete(`${url}/1`).set('x-api-key', t.adminKey).expect(404);
    const toy = (
      await t.http.get('/api/v1/inference/models').set('x-api-key', t.adminKey)
    ).body.find((m: { name: string }) => m.name === 'toy');
    expect(toy.versions.map((v: { version: string }) => v.version)).toEqual(['3']);
  });
});

describe('a required model that cannot be loaded', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = modelsFolder(
      { models: [{ name: 'needed', version: '1', file: 'needed.onnx', required: true }] },
      {},
    );
    t = await createTestApp({ env: { MODELS_DIR: dir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the process up but not ready, naming the models indicator', async () => {
    await t.http.get('/health/live').expect(200);
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.body.message).toBe('Not ready: models down');
    expect(ready.body.details.error.models.required).toHaveProperty('needed');
  });
});
