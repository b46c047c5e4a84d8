import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, validateEnvironment } from '../src/config';
import { RealtyDataset } from '../src/realty/entities/realty-dataset.entity';
import { MikroORM } from '@mikro-orm/core';
import {
  ModelRegistry,
  readOnnxMetadata,
  readRegressorFeatures,
  rowsFromRecords,
  runRegressorOnnx,
} from '@app/inference';
import { waitForTask } from './support/polling';
import { followPresigned } from './support/presigned';
import { demoSlice, unseenSchemaRows } from './support/realty-data';
import { createTestApp, eventually, type TestApp } from './support/test-app';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

const FEATURES = ['TLA', 'yrbuilt', 'beds', 'baths', 'lotsize', 'garagesqft', 'x', 'y'];
const HOUSES = [
  {
    TLA: 1800,
    yrbuilt: 1965,
    beds: 3,
    baths: 2,
    lotsize: 9000,
    garagesqft: 400,
    x: 484000,
    y: 195000,
  },
  {
    TLA: 1100,
    yrbuilt: 1940,
    beds: 2,
    baths: 1,
    lotsize: 5000,
    garagesqft: 0,
    x: 484500,
    y: 195300,
  },
  {
    TLA: 2600,
    yrbuilt: 1990,
    beds: 4,
    baths: 3,
    lotsize: 15000,
    garagesqft: 600,
    x: 483000,
    y: 194000,
  },
];

describe('realty training through a worker process: runs, versions, predictions, priorities, retries', () => {
  let t: TestApp;
  let dir: string;
  let datasetId: string;
  let worker: WorkerProcess | undefined;
  /** The first run (beforeAll), which stores version 1. */
  let firstRun: { id: string; taskId: string; status: string; algorithm: string; seed: number };
  const auth = () => ({ 'x-api-key': t.adminKey });
  const startWorker = async (extra: Record<string, string> = {}) => {
    worker = await spawnWorkerProcess({ ...t.variables, ...extra });
    await worker.ready();
  };
  const train = (body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/realty/training-runs')
      .set(auth())
      .send({ datasetId, features: FEATURES, ...body });
  const predict = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/realty/predictions').set(auth()).send(body);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realty-training-'));
    t = await createTestApp({
      role: 'api',
      env: { STORAGE_LOCAL_DIR: dir, REALTY_SYNC_PREDICTION_ROWS: '4' },
    });
    const uploaded = await t.http
      .post('/api/v1/realty/datasets')
      .set(auth())
      .attach('file', Buffer.from(demoSlice(3000)), 'lucas-3000.csv')
      .expect(201);
    datasetId = uploaded.body.id;
    // No version yet: predictions are refused until the first run (below) stores and activates one.
    expect((await predict({ rows: HOUSES }).expect(409)).body.message).toMatch(
      /No house-price model is active/,
    );
    await startWorker();
    firstRun = (await train({ algorithm: 'gradient_boosting', seed: 7 }).expect(202)).body;
    await waitForTask(t, firstRun.taskId, undefined, { timeoutMs: 120_000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains end to end: task progress, metrics, importance, chart, version 1 activates itself', async () => {
    const accepted = { body: firstRun };
    expect(accepted.body).toMatchObject({ algorithm: 'gradient_boosting', seed: 7 });
    expect(['queued', 'running']).toContain(accepted.body.status);
    const task = await waitForTask(t, accepted.body.taskId);
    expect(task.error ?? null).toBeNull();
    expect(task).toMatchObject({
      status: 'succeeded',
      progress: 100,
      queue: 'realty',
      name: 'train',
    });
    const run = (
      await t.http.get(`/api/v1/realty/training-runs/${accepted.body.id}`).set(auth()).expect(200)
    ).body;
    expect(run).toMatchObject({
      status: 'succeeded',
      modelVersion: 1,
      features: FEATURES,
      trainRows: 2400,
      holdoutRows: 600,
    });
    expect(run.metrics.r2).toBeGreaterThan(0.5);
    expect(run.metrics.mae).toBeGreaterThan(0);
    expect(run.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(run.featureImportance).sort()).toEqual([...FEATURES].sort());
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const chart = await followPresigned(t, 'GET', run.chartUrl);
    expect(chart.status).toBe(200);
    expect(chart.body.subarray(1, 4).toString()).toBe('PNG');

    const models = (await t.http.get('/api/v1/realty/models').set(auth()).expect(200)).body;
    expect(models).toEqual([
      expect.objectContaining({ version: 1, active: true, algorithm: 'gradient_boosting' }),
    ]);
    expect(models[0].features).toEqual(FEATURES.map((name) => ({ name, kind: 'numeric' })));
  });

  it('predicts synchronously, then from the cache, and as a task with the same prices', async () => {
    const first = (await predict({ rows: HOUSES }).expect(200)).body;
    expect(first).toMatchObject({ version: 1, cached: 0 });
    expect(first.predictions).toHaveLength(3);
    expect(first.predictions[2]).toBeGreaterThan(first.predictions[1]);
    const again = (
      await predict({ rows: [HOUSES[1], { ...HOUSES[0], extra: 'ignored' }] }).expect(200)
    ).body;
    expect(again).toEqual({
      version: 1,
      cached: 2,
      predictions: [first.predictions[1], first.predictions[0]],
    });

    // The served prices are ONNX Runtime's on the stored file (the run itself checked ONNX against TypeScript).
    const onnx = new Uint8Array(
      readFileSync(join(dir, 'objects', 'realty/models/realty-price-v1.onnx')),
    );
    const features = readRegressorFeatures(readOnnxMetadata(onnx).metadataProps);
    const direct = await runRegressorOnnx(onnx, rowsFromRecords(features, HOUSES));
    expect(first.predictions).toEqual(Array.from(direct));

    const six = [...HOUSES, ...HOUSES];
    const large = await predict({ rows: six }).expect(202);
    expect((await waitForTask(t, large.body.id)).result).toMatchObject({ version: 1, cached: 6 });
    expect((await predict({ rows: six, async: false }).expect(200)).body.predictions).toHaveLength(
      6,
    );

    const accepted = await predict({ rows: HOUSES, async: true }).expect(202);
    expect(accepted.body).toMatchObject({ queue: 'realty', name: 'predict' });
    const task = await waitForTask(t, accepted.body.id);
    expect(task).toMatchObject({
      status: 'succeeded',
      result: { version: 1, predictions: first.predictions },
    });
  });

  it('refuses rows missing a feature or with a wrong type, naming row index and column', async () => {
    const { TLA: _, ...noArea } = HOUSES[0];
    const res = await predict({ rows: [HOUSES[0], noArea, { ...HOUSES[2], beds: 'many' }] }).expect(
      422,
    );
    expect(res.body.details).toEqual([
      { field: 'rows.1.TLA', messages: ['row 1: feature "TLA" is missing'] },
      { field: 'rows.2.beds', messages: ['row 2: feature "beds" must be a number, got "many"'] },
    ]);
  });

  it('keeps version 1 active after a second run, predicts with a named version, swaps on activation', async () => {
    const sync = await train({ algorithm: 'linear_regression', seed: 3, async: false }).expect(200);
    expect(sync.body).toMatchObject({ status: 'succeeded', modelVersion: 2 });
    expect((await t.http.get('/api/v1/realty/models/2').set(auth()).expect(200)).body.active).toBe(
      false,
    );

    const v1 = (await predict({ rows: HOUSES }).expect(200)).body;
    const v2 = (await predict({ rows: HOUSES, version: 2 }).expect(200)).body;
    expect(v1.version).toBe(1);
    expect(v2.version).toBe(2);
    expect(v2.predictions).not.toEqual(v1.predictions);
    await predict({ rows: HOUSES, version: 9 }).expect(404);

    await t.http.post('/api/v1/realty/models/2/activate').set(auth()).expect(200);
    expect((await predict({ rows: HOUSES }).expect(200)).body).toMatchObject({
      version: 2,
      predictions: v2.predictions,
    });
    const status = (await t.http.get('/api/v1/realty/status').set(auth()).expect(200)).body;
    expect(status).toMatchObject({
      activeModel: { version: 2 },
      versions: 2,
      workers: 1,
      lastTraining: { modelVersion: 2 },
    });
    expect(status.predictionsServed).toBeGreaterThanOrEqual(9);
  });

  it('reloads stored versions and the active one in a freshly started API', async () => {
    const config = new AppConfig(validateEnvironment(t.variables), 'api');
    const app = await createApp(config);
    await app.init();
    try {
      // At start the API loads every stored version into its registry and activates the one Postgres marks.
      const stored = (await t.http.get('/api/v1/realty/models').set(auth()).expect(200)).body as {
        version: number;
        active: boolean;
      }[];
      const active = stored.find((v) => v.active)?.version;
      const registry = app.get(ModelRegistry);
      const listing = await eventually(async () => {
        const found = registry.list().find((model) => model.name === 'realty-price');
        return found && found.versions.length === stored.length ? found : undefined;
      });
      expect(listing.activeVersion).toBe(String(active));
      const fresh = request(app.getHttpServer());
      const res = await fresh
        .post('/api/v1/realty/predictions')
        .set(auth())
        .send({ rows: HOUSES })
        .expect(200);
      expect(res.body.version).toBe(active);
    } finally {
      await app.close();
    }
  });

  it('retries a failed training task under the same id once its data is back', async () => {
    const uploaded = await t.http
      .post('/api/v1/realty/datasets')
      .set(auth())
      .attach('file', Buffer.from(demoSlice(400, 3000)), 'lucas-400.csv')
      .expect(201);
    const orm = t.app.get(MikroORM);
    const dataset = await orm.em.fork().findOneOrFail(RealtyDataset, { id: uploaded.body.id });
    const stored = join(dir, 'objects', dataset.storageKey);
    renameSync(stored, `${stored}.away`);
    const accepted = await train({ datasetId: dataset.id, algorithm: 'linear_regression' }).expect(
      202,
    );
    const failed = await waitForTask(t, accepted.body.taskId, undefined, { timeoutMs: 60_000 });
    expect(failed.status).toBe('failed');
    renameSync(`${stored}.away`, stored);
    await t.http.post(`/api/v1/tasks/${accepted.body.taskId}/retry`).set(auth()).expect(202);
    const retried = await waitForTask(t, accepted.body.taskId, undefined, { timeoutMs: 60_000 });
    expect(retried.status).toBe('succeeded');
    const run = (await t.http.get(`/api/v1/realty/training-runs/${accepted.body.id}`).set(auth()))
      .body;
    expect(run).toMatchObject({ status: 'succeeded', modelVersion: expect.any(Number) });
  });

  it('lets queued predictions overtake queued training (job priorities)', async () => {
    await worker?.stop();
    const training = await train({ algorithm: 'linear_regression' }).expect(202);
    const prediction = await predict({ rows: HOUSES, async: true }).expect(202);
    await startWorker({ QUEUE_CONCURRENCY: '1' });
    const predicted = await waitForTask(t, prediction.body.id);
    const trained = await waitForTask(t, training.body.taskId, undefined, { timeoutMs: 60_000 });
    expect(predicted.status).toBe('succeeded');
    expect(trained.status).toBe('succeeded');
    expect(new Date(predicted.startedAt as string).getTime()).toBeLessThanOrEqual(
      new Date(trained.startedAt as string).getTime(),
    );
  });
  it('trains on rows of a schema the code has never seen and predicts with that version', async () => {
    const dataset = await t.http
      .post('/api/v1/realty/datasets/rows')
      .set(auth())
      .send({ name: 'apartamentos', rows: unseenSchemaRows(120) })
      .expect(201);
    expect(dataset.body.target).toBe('preco');
    const run = await t.http
      .post('/api/v1/realty/training-runs')
      .set(auth())
      .send({ datasetId: dataset.body.id, algorithm: 'random_forest', async: false })
      .expect(200);
    expect(run.body).toMatchObject({ status: 'succeeded', features: ['m2', 'bairro', 'quartos'] });
    const version = run.body.modelVersion as number;
    const model = (await t.http.get(`/api/v1/realty/models/${version}`).set(auth()).expect(200))
      .body;
    expect(model.features).toEqual([
      { name: 'm2', kind: 'numeric' },
      { name: 'bairro', kind: 'categorical' },
      { name: 'quartos', kind: 'numeric' },
    ]);
    const rows = [
      { m2: 60, bairro: 'Sul', quartos: 1 },
      { m2: 180, bairro: 'Centro', quartos: 4 },
      { m2: 100, bairro: 'Desconhecido', quartos: 2 },
    ];
    const prices = (await predict({ rows, version }).expect(200)).body.predictions;
    expect(prices[1]).toBeGreaterThan(prices[0]);
    await predict({ rows: [{ m2: 60, quartos: 1 }], version }).expect(422);
  });
});
