import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('predictions CSV import and export (API and worker in one process)', () => {
  let t: TestApp;
  let storageDir: string;
  const auth = () => ({ 'x-api-key': t.adminKey });

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'csv-storage-'));
    t = await createTestApp({ role: 'all', env: { STORAGE_LOCAL_DIR: storageDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const upload = (csv: string, name = 'vehicles.csv') =>
    t.http.post('/api/v1/predictions/import').set(auth()).attach('file', Buffer.from(csv), name);
  const finished = (id: string) =>
    eventually(async () => {
      const task = (await t.http.get(`/api/v1/tasks/${id}`).set(auth())).body;
      return ['succeeded', 'failed'].includes(task.status) ? task : undefined;
    }, 30_000);
  const count = async (query = '') =>
    (await t.http.get(`/api/v1/predictions?limit=1${query}`).set(auth())).body.total;

  it('imports a valid file in the background and reports progress to the end', async () => {
    const lines = ['knr,date,feature1,feature2,feature3,real_result'];
    for (let i = 0; i < 1500; i++)
      lines.push(
        `IMP-${i},2026-08-0${(i % 9) + 1}T10:00:00Z,${50 + (i % 60)},${(i % 12) + 0.5},${(i % 20) - 10},${i % 3 === 0 ? 1 : ''}`,
      );
    const accepted = await upload(lines.join('\n')).expect(202);
    expect(accepted.body).toMatchObject({
      queue: 'predictions',
      name: 'import-csv',
      status: 'queued',
    });
    const task = await finished(accepted.body.id);
    expect(task).toMatchObject({
      status: 'succeeded',
      progress: 100,
      result: { imported: 1500, rows: 1500, modelVersion: '1.0.0' },
    });
    expect(await count('&knr=IMP-7')).toBe(1);
    expect(await count('&hasRealResult=true')).toBe(500);
  });

  it('writes nothing when any row is invalid, and lists line, column and reason', async () => {
    const before = await count();
    const csv = [
      'knr,feature1,feature2,feature3',
      'OK-1,70,4,0',
      'BAD 2,70,4,0',
      'OK-3,hot,4,0',
      'OK-4,70,99,0',
      'OK-5,70,4,0',
    ].join('\n');
    const task = await finished((await upload(csv).expect(202)).body.id);
    expect(task.status).toBe('failed');
    expect(task.error).toBe(
      '3 problem(s) in vehicles.csv; nothing was imported; first: line 3: column knr: knr must be 1-64 letters, digits, dot, dash or underscore',
    );
    expect(task.result.errors).toEqual([
      {
        line: 3,
        column: 'knr',
        reason: 'knr must be 1-64 letters, digits, dot, dash or underscore',
      },
      { line: 4, column: 'feature1', reason: expect.stringContaining('feature1 must be a number') },
      { line: 5, column: 'feature2', reason: 'feature2 must not be greater than 50' },
    ]);
    expect(task.attempts).toBe(1);
    expect(await count()).toBe(before);
  });

  it('fails at once, naming line and column and showing no SQL, on a date PostgreSQL cannot store', async () => {
    const before = await count();
    const csv = [
      'knr,date,feature1,feature2,feature3',
      'SECRET-1,2026-01-01T00:00:00Z,70,4,0',
      'SECRET-2,-100000-01-01T00:00:00Z,70,4,0',
    ].join('\n');
    const task = await finished((await upload(csv, 'ancient.csv').expect(202)).body.id);
    expect(task).toMatchObject({ status: 'failed', attempts: 1 });
    expect(task.error).toBe(
      '1 problem(s) in ancient.csv; nothing was imported; first: line 3: column date: date must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z',
    );
    expect(JSON.stringify(task)).not.toMatch(/insert into|SECRET-1/i);
    expect(await count()).toBe(before);
  });

  it('refuses a header it cannot use, an empty upload, a missing file and a file over the limit', async () => {
    const header = await finished(
      (await upload('knr,feature1,colour\nA,1,red').expect(202)).body.id,
    );
    expect(header.error).toContain('missing column(s): feature2, feature3');
    expect(header.error).toContain('unknown column(s): colour');
    await upload('').expect(400);
    const missing = await t.http
      .post('/api/v1/predictions/import')
      .set(auth())
      .field('other', 'x')
      .expect(400);
    expect(missing.body.message).toContain('"file"');
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    await t.http
      .post('/api/v1/predictions/import')
      .set(auth())
      .attach('file', huge, 'big.csv')
      .expect(413);
  });

  it('exports with the list filters, and importing the export gives the same records', async () => {
    await t.http
      .post('/api/v1/predictions/batch')
      .set(auth())
      .send({
        items: [
          {
            knr: 'RT-1',
            date: '2026-07-01T01:02:03.456Z',
            feature1: 61.25,
            feature2: 3.5,
            feature3: -2.75,
          },
          {
            knr: 'RT-2',
            date: '2026-07-02T00:00:00Z',
            feature1: 99,
            feature2: 11.125,
            feature3: 8,
          },
        ],
      })
      .expect(201);
    const [rt1] = (await t.http.get('/api/v1/predictions?knr=RT-1').set(auth())).body.items;
    await t.http.put(`/api/v1/predictions/${rt1.id}`).set(auth()).send({ realResult: 1 });

    const filter = 'dateFrom=2026-07-01T00:00:00Z&dateTo=2026-07-03T00:00:00Z&sort=date&order=asc';
    const exported = await t.http
      .get(`/api/v1/predictions/export?${filter}`)
      .set(auth())
      .expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const lines = exported.text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,knr,date,feature1,feature2,feature3,prediction_result,probability,real_result,model_version,created_at',
    );
    expect(lines).toHaveLength(3);

    const original = (await t.http.get(`/api/v1/predictions?${filter}`).set(auth())).body.items;
    await t.http.delete(`/api/v1/predictions/${original[0].id}`).set(auth());
    await t.http.delete(`/api/v1/predictions/${original[1].id}`).set(auth());
    const task = await finished((await upload(exported.text, 'export.csv').expect(202)).body.id);
    expect(task.status).toBe('succeeded');
    const reimported = (await t.http.get(`/api/v1/predictions?${filter}`).set(auth())).body.items;
    const essence = (p: Record<string, unknown>) => {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = p;
      return rest;
    };
    expect(reimported.map(essence)).toEqual(original.map(essence));
  });
});
