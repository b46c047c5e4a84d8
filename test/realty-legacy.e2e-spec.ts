import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unseenSchemaRows } from './support/realty-data';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const HOUSES = [
  { m2: 75, bairro: 'Centro', quartos: 2 },
  { m2: 150, bairro: 'Sul', quartos: 4 },
];

describe('realty legacy routes: the old FastAPI/Celery contract', () => {
  let t: TestApp;
  let dir: string;
  const auth = () => ({ 'x-api-key': t.adminKey });
  const post = (path: string, body: unknown) =>
    t.http
      .post(path)
      .set(auth())
      .send(body as object);
  const untilDone = (id: string) =>
    eventually(async () => {
      const res = await t.http.get(`/tarefa/${id}`).set(auth()).expect(200);
      return ['SUCCESS', 'FAILURE'].includes(res.body.status) ? res.body : undefined;
    }, 60_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realty-legacy-'));
    t = await createTestApp({ role: 'all', env: { STORAGE_LOCAL_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /prever with 409 and unknown tasks with 404, as {"detail": ...}', async () => {
    const noModel = await post('/prever', { dados: HOUSES }).expect(409);
    expect(noModel.body).toEqual({ detail: 'Nenhum modelo treinado: chame /treinar primeiro' });
    const status = (await t.http.get('/status').expect(200)).body;
    expect(status).toEqual({
      api: 'ok',
      modelo_carregado: false,
      modelo: null,
      redis: 'ok',
      celery_workers: 1,
    });
    for (const id of ['01a22b27-e9df-7f25-bf54-2b4f2e51d443', 'abc'])
      expect((await t.http.get(`/tarefa/${id}`).set(auth()).expect(404)).body).toEqual({
        detail: 'Tarefa não encontrada',
      });
  });

  it('refuses rows that do not fit, naming row and column', async () => {
    const rows = unseenSchemaRows(10);
    const { preco: _, ...noPrice } = rows[3];
    const missing = await post('/treinar', {
      dados: [...rows.slice(0, 3), noPrice, ...rows.slice(4)],
    }).expect(422);
    expect(missing.body).toEqual({
      detail: [
        {
          loc: ['body', 'dados', 3, 'preco'],
          msg: 'row 3: target "preco" is missing',
          type: 'value_error',
        },
      ],
    });
    const wrong = await post('/treinar', {
      dados: [{ ...rows[0], preco: 'caro' }, ...rows.slice(1)],
    }).expect(422);
    expect(wrong.body.detail[0].loc).toEqual(['body', 'dados', 0, 'preco']);
    const badField = await post('/treinar', { algoritmo: 'svm' }).expect(422);
    expect(badField.body.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'algoritmo'], type: 'value_error' }),
    ]);
  });

  it('trains synchronously on rows of a schema no code knows (m2, bairro, quartos, preco)', async () => {
    const res = await post('/treinar', { dados: unseenSchemaRows(80), seed: 5 }).expect(200);
    expect(res.body).toEqual({
      status: 'treinado',
      modelo: {
        versao: expect.any(Number),
        algoritmo: 'gradient_boosting',
        origem: 'dados',
        n_linhas: 80,
        features: ['m2', 'bairro', 'quartos'],
        metricas: { r2: expect.any(Number), mae: expect.any(Number), rmse: expect.any(Number) },
      },
    });
    const prices = (await post('/prever', { dados: HOUSES }).expect(200)).body;
    expect(Object.keys(prices)).toEqual(['previsoes']);
    expect(prices.previsoes).toHaveLength(2);
    expect(prices.previsoes[1]).toBeGreaterThan(prices.previsoes[0]);
    const missing = await post('/prever', { dados: [{ m2: 80, quartos: 2 }] }).expect(422);
    expect(missing.body).toEqual({
      detail: [
        {
          loc: ['body', 'dados', 0, 'bairro'],
          msg: 'row 0: feature "bairro" is missing',
          type: 'value_error',
        },
      ],
    });
  });

  it('runs the old client sequence /treinar → /tarefa/{id} → /prever unchanged, then /status and /celery-status', async () => {
    const accepted = await post('/treinar', {
      dados: unseenSchemaRows(60),
      algoritmo: 'random_forest',
      seed: 42,
      assincrono: true,
    }).expect(200);
    expect(accepted.body).toEqual({
      task_id: expect.any(String),
      status: 'PENDING',
      tipo: 'treinar',
    });
    const done = await untilDone(accepted.body.task_id);
    expect(done).toEqual({
      task_id: accepted.body.task_id,
      status: 'SUCCESS',
      resultado: {
        status: 'treinado',
        modelo: expect.objectContaining({ algoritmo: 'random_forest', n_linhas: 60 }),
      },
    });
    const sync = (await post('/prever', { dados: HOUSES }).expect(200)).body.previsoes;
    const queued = await post('/prever', { dados: HOUSES, assincrono: true }).expect(200);
    expect(queued.body).toEqual({ task_id: expect.any(String), status: 'PENDING', tipo: 'prever' });
    expect(await untilDone(queued.body.task_id)).toEqual({
      task_id: queued.body.task_id,
      status: 'SUCCESS',
      resultado: { previsoes: sync },
    });

    const list = (await t.http.get('/tarefas').set(auth()).expect(200)).body;
    expect(list.tarefas[0]).toEqual({
      task_id: queued.body.task_id,
      tipo: 'prever',
      status: 'SUCCESS',
      criado_em: expect.any(String),
    });
    expect(list.tarefas.map((task: { tipo: string }) => task.tipo)).toContain('treinar');
    expect(
      (await t.http.get('/tarefas?limit=1').set(auth()).expect(200)).body.tarefas,
    ).toHaveLength(1);

    // The trained model is the one /status reports; the workers are BullMQ's.
    const status = (await t.http.get('/status').expect(200)).body;
    expect(status).toMatchObject({
      api: 'ok',
      modelo_carregado: true,
      redis: 'ok',
      celery_workers: 1,
    });
    expect(status.modelo).toMatchObject({
      versao: done.resultado.modelo.versao,
      algoritmo: 'random_forest',
      origem: 'dados',
    });
    const celery = (await t.http.get('/celery-status').set(auth()).expect(200)).body;
    expect(celery.broker).toBe('ok');
    const realty = celery.filas.find((q: { nome: string }) => q.nome === 'realty');
    expect(realty).toEqual({
      nome: 'realty',
      workers: 1,
      contagens: expect.objectContaining({ completed: expect.any(Number), failed: 0 }),
    });
  });
});
