import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import { demoSlice } from './support/realty-data';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

describe('realty datasets: upload, typing, statistics, bad files, demo seed', () => {
  let t: TestApp;
  let dir: string;
  const auth = () => ({ 'x-api-key': t.adminKey });
  const upload = (
    csv: string | Buffer,
    fields: Record<string, string> = {},
    name = 'houses.csv',
  ) => {
    const req = t.http.post('/api/v1/realty/datasets').set(auth());
    for (const [key, value] of Object.entries(fields)) req.field(key, value);
    return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), name);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'realty-datasets-'));
    t = await createTestApp({
      role: 'api',
      env: { STORAGE_LOCAL_DIR: dir, REALTY_MAX_UPLOAD_BYTES: '300000', REALTY_MAX_ROWS: '1500' },
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('types the columns of an uploaded CSV and reports statistics and missing values', async () => {
    const res = await upload(demoSlice(500), { name: 'lucas-500' }).expect(201);
    expect(res.body).toMatchObject({
      name: 'lucas-500',
      origin: 'csv',
      target: 'price',
      rowCount: 500,
    });
    type Column = {
      name: string;
      kind: string;
      min: number;
      max: number;
      mean: number;
      std: number;
      distinct: number;
      top: unknown[];
    };
    const byName = Object.fromEntries(
      (res.body.columns as Column[]).map((column) => [column.name, column]),
    );
    expect(byName.TLA).toMatchObject({ kind: 'numeric', count: 500, missing: 0 });
    expect(byName.TLA.min).toBeGreaterThan(0);
    expect(byName.TLA.max).toBeGreaterThanOrEqual(byName.TLA.mean);
    expect(byName.TLA.std).toBeGreaterThan(0);
    expect(byName.wall).toMatchObject({ kind: 'categorical', count: 500, missing: 0 });
    expect(byName.wall.distinct).toBeGreaterThan(1);
    expect(byName.wall.top[0]).toEqual({ value: expect.any(String), count: expect.any(Number) });
    expect(byName.syear.kind).toBe('numeric');

    const got = await t.http.get(`/api/v1/realty/datasets/${res.body.id}`).set(auth()).expect(200);
    expect(got.body).toEqual(res.body);
    const list = await t.http.get('/api/v1/realty/datasets').set(auth()).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  it('accepts JSON rows with missing values and a named target', async () => {
    const rows = [
      { area: 50, zone: 'a', value: 10 },
      { area: null, zone: 'b', value: 12 },
      { area: 70, zone: null, value: 15 },
      { area: 80, zone: 'a', value: 18 },
      { area: 90, zone: 'b', value: 21 },
    ];
    const res = await t.http
      .post('/api/v1/realty/datasets/rows')
      .set(auth())
      .send({ name: 'tiny', target: 'value', rows })
      .expect(201);
    expect(res.body.target).toBe('value');
    expect(res.body.columns).toEqual([
      expect.objectContaining({ name: 'area', kind: 'numeric', count: 4, missing: 1, mean: 72.5 }),
      expect.objectContaining({
        name: 'zone',
        kind: 'categorical',
        count: 4,
        missing: 1,
        distinct: 2,
      }),
      expect.objectContaining({ name: 'value', kind: 'numeric', missing: 0 }),
    ]);
  });

  it('answers bad CSVs with a 4xx naming the problem', async () => {
    const wrongType = 'm2,preco\n50,100\n60,caro\n70,140\n80,160\n90,180\n';
    const bad = await upload(wrongType).expect(422);
    expect(bad.body.message).toBe('row 1: target "preco" must be a number, got "caro"');
    expect(bad.body.details).toEqual([{ field: 'rows.1.preco', messages: [bad.body.message] }]);

    const noTarget = await upload('m2,rooms\n50,1\n60,2\n70,3\n80,4\n90,5\n').expect(400);
    expect(noTarget.body.message).toMatch(/no target column/);
    await upload('m2,rooms\n50,1\n60,2\n70,3\n80,4\n90,5\n', { target: 'rooms' }).expect(201);
    const unknownTarget = await upload(wrongType, { target: 'valor' }).expect(400);
    expect(unknownTarget.body.message).toMatch(/target column "valor" is not in the data/);

    expect((await upload('').expect(400)).body.message).toBe('file is empty');
    expect((await upload('m2,preco\n').expect(400)).body.message).toBe('the data has no rows');
    const ragged = await upload('m2,preco\n50,100,7\n').expect(400);
    expect(ragged.body.message).toMatch(/not valid CSV/);
    const missing = await upload('m2,preco\n50,100\n60,\n70,140\n80,160\n90,180\n').expect(422);
    expect(missing.body.message).toBe('row 1: target "preco" is missing');

    const tooManyRows = await upload(demoSlice(1600)).expect(413);
    expect(tooManyRows.body.message).toMatch(/more than 1500 rows/);
    const huge = Buffer.alloc(400_000, 'x');
    await upload(huge).expect(413);
    const noFile = await t.http
      .post('/api/v1/realty/datasets')
      .set(auth())
      .field('name', 'x')
      .expect(400);
    expect(noFile.body.message).toMatch(/file is required/);
  });

  it('seeds the Lucas County demo dataset once, with its default features', async () => {
    const runner = t.app.get(SeedRunner);
    await inRequestContext(t.app, () => runner.runNamed('realty'));
    await inRequestContext(t.app, () => runner.runNamed('realty'));
    const list = await t.http.get('/api/v1/realty/datasets?limit=100').set(auth()).expect(200);
    const demos = list.body.items.filter((d: { origin: string }) => d.origin === 'demo');
    expect(demos).toHaveLength(1);
    expect(demos[0]).toMatchObject({
      name: 'lucas-county-house',
      rowCount: 25357,
      target: 'price',
      defaultFeatures: [
        'TLA',
        'yrbuilt',
        'beds',
        'baths',
        'lotsize',
        'garagesqft',
        'x',
        'y',
        'wall',
        'garage',
        'stories',
      ],
    });
  });
});
