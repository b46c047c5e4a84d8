import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import {
  newUserWithKey,
  tempDirectory,
  type TempDirectory,
  type UserWithKey,
} from './support/fixtures';
import { discImage } from './support/images';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

describe('tools transactions', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let operator: UserWithKey;
  let technician: UserWithKey;
  let viewer: UserWithKey;
  let photo: Buffer;

  beforeAll(async () => {
    storage = tempDirectory('tools-tx-');
    t = await createTestApp({ env: { STORAGE_LOCAL_DIR: storage.path } });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    operator = await newUserWithKey(t, 'operator');
    technician = await newUserWithKey(t, 'operator');
    viewer = await newUserWithKey(t, 'viewer');
    photo = await discImage(90, 70);
  });
  afterAll(async () => {
    await t.close();
    storage.remove();
  });

  const record = (
    fields: Record<string, string>,
    image: Buffer | null = photo,
    user = operator,
  ) => {
    const req = t.http.post('/api/v1/transactions').set('x-api-key', user.key);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return image ? req.attach('image', image, 'kit.png') : req;
  };

  it('records an issue for the caller, checked against the toolkit', async () => {
    const res = await record({ toolkit_id: '1', type: 'ISSUE' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userId: operator.id,
      type: 'ISSUE',
      status: 'INCOMPLETE',
      error: null,
    });
    expect(res.body.found).toHaveLength(11);
    expect(res.body.missing).toHaveLength(11);
    expect(res.body.annotatedImageUrl).toMatch(/^\/api\/v1\/media\/[0-9a-f-]{36}\.jpg$/);
    const one = await t.http
      .get(`/api/v1/transactions/${res.body.id}`)
      .set('x-api-key', viewer.key);
    expect(one.body).toEqual(res.body);
  });

  it('records FAILED with the reason when the photo cannot be analysed', async () => {
    const res = await record({ toolkit_id: '1', type: 'RETURN' }, Buffer.from('not an image'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'FAILED', annotatedImageUrl: null, type: 'RETURN' });
    expect(res.body.error).toMatch(/not a readable image/);
  });

  it('refuses bad input with 4xx and records nothing', async () => {
    const before = (await t.http.get('/api/v1/transactions').set('x-api-key', viewer.key)).body
      .total;
    expect((await record({ toolkit_id: '1', type: 'LEND' })).status).toBe(400);
    expect((await record({ toolkit_id: '1' })).status).toBe(400);
    expect((await record({ toolkit_id: '1', type: 'ISSUE' }, null)).status).toBe(400);
    expect((await record({ toolkit_id: '42', type: 'ISSUE' })).status).toBe(404);
    const unknownUser = await record({
      toolkit_id: '1',
      type: 'ISSUE',
      userId: '01a20737-58be-7ee1-87e7-ecca9829b26b',
    });
    expect(unknownUser.status).toBe(404);
    expect((await record({ toolkit_id: '1', type: 'ISSUE' }, photo, viewer)).status).toBe(403);
    const after = (await t.http.get('/api/v1/transactions').set('x-api-key', viewer.key)).body
      .total;
    expect(after).toBe(before);
    expect(
      (await t.http.get('/api/v1/transactions/nope').set('x-api-key', viewer.key)).status,
    ).toBe(400);
  });

  it('lists with filters (user, toolkit, type, status, from/to) and paging', async () => {
    const start = new Date();
    const forTechnician = await record({ toolkit_id: '1', type: 'ISSUE', userId: technician.id });
    expect(forTechnician.body.userId).toBe(technician.id);
    await record({ toolkit_id: '1', type: 'RETURN', userId: technician.id });
    const list = (query: string) =>
      t.http.get(`/api/v1/transactions?${query}`).set('x-api-key', viewer.key);

    const mine = await list(`userId=${technician.id}`);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((i: { type: string }) => i.type)).toEqual(['RETURN', 'ISSUE']);
    expect((await list(`userId=${technician.id}&type=ISSUE`)).body.total).toBe(1);
    expect((await list(`toolkitId=${forTechnician.body.toolkitId}`)).body.total).toBe(4);
    expect((await list('status=FAILED')).body.total).toBe(1);
    expect((await list('status=COMPLETE')).body.total).toBe(0);
    expect((await list(`from=${start.toISOString()}`)).body.total).toBe(2);
    expect((await list(`to=${start.toISOString()}`)).body.total).toBe(2);
    const page = await list('limit=1&skip=1');
    expect(page.body).toMatchObject({ total: 4, skip: 1, limit: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await list('status=DONE')).status).toBe(400);
    expect((await list('from=yesterday')).status).toBe(400);
  });
});
