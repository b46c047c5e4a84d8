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
import { STANDARD_CLASSES, toolkitPhoto } from './support/toolkit-photos';

describe('tools transactions', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let operator: UserWithKey;
  let viewer: UserWithKey;
  let photo: Buffer;

  beforeAll(async () => {
    storage = tempDirectory('tools-tx-');
    t = await createTestApp({ env: { STORAGE_LOCAL_DIR: storage.path } });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    operator = await newUserWithKey(t, 'operator');
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

  it('records COMPLETE for a full toolkit photo, INCOMPLETE naming what is missing otherwise', async () => {
    const full = await toolkitPhoto([...STANDARD_CLASSES], 21);
    const complete = await record({ toolkit_id: '1', type: 'RETURN' }, full.image);
    expect(complete.status).toBe(201);
    expect(complete.body).toMatchObject({ status: 'COMPLETE', missing: [], modelVersion: '1.0.0' });
    expect(complete.body.found.every((i: { found: number }) => i.found === 1)).toBe(true);

    const partial = await toolkitPhoto(
      STANDARD_CLASSES.filter((c) => c !== 'wrench'),
      22,
    );
    const incomplete = await record({ toolkit_id: '1', type: 'RETURN' }, partial.image);
    expect(incomplete.body.status).toBe('INCOMPLETE');
    expect(incomplete.body.missing).toEqual([
      { toolId: expect.any(String), name: 'Combination wrench 13 mm', missing: 1 },
    ]);
    await t.http
      .get(incomplete.body.annotatedImageUrl)
      .expect(200)
      .expect('content-type', 'image/jpeg');
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
    // Records of its own (a fresh technician and toolkit), so the counts do not depend on other tests.
    const tech = await newUserWithKey(t, 'operator');
    const tools = await t.http.get('/api/v1/tools?limit=2').set('x-api-key', viewer.key);
    const kit = await t.http
      .post('/api/v1/toolkits')
      .set('x-api-key', operator.key)
      .send({ name: 'Filters', items: [{ toolId: tools.body.items[0].id, quantity: 1 }] });
    const otherKit = await t.http
      .post('/api/v1/toolkits')
      .set('x-api-key', operator.key)
      .send({ name: 'Filters 2', items: [{ toolId: tools.body.items[1].id, quantity: 1 }] });
    const before = await record({ toolkit_id: kit.body.id, type: 'ISSUE', userId: tech.id });
    expect(before.body.userId).toBe(tech.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const start = new Date();
    await record({ toolkit_id: kit.body.id, type: 'RETURN', userId: tech.id }, Buffer.from('x'));
    await record({ toolkit_id: otherKit.body.id, type: 'ISSUE', userId: tech.id });
    const list = (query: string) =>
      t.http.get(`/api/v1/transactions?userId=${tech.id}&${query}`).set('x-api-key', viewer.key);

    const mine = await list('');
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.map((i: { type: string }) => i.type)).toEqual([
      'ISSUE',
      'RETURN',
      'ISSUE',
    ]);
    expect((await list('type=ISSUE')).body.total).toBe(2);
    expect((await list(`toolkitId=${kit.body.id}`)).body.total).toBe(2);
    expect((await list(`toolkitId=${kit.body.id}&type=ISSUE`)).body.total).toBe(1);
    expect((await list('status=FAILED')).body.total).toBe(1);
    expect((await list('status=INCOMPLETE')).body.total).toBe(2);
    expect((await list('status=COMPLETE')).body.total).toBe(0);
    expect((await list(`from=${start.toISOString()}`)).body.total).toBe(2);
    expect((await list(`to=${start.toISOString()}`)).body.items).toMatchObject([
      { id: before.body.id },
    ]);
    const page = await list('limit=1&skip=1');
    expect(page.body).toMatchObject({ total: 3, skip: 1, limit: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await list('status=DONE')).status).toBe(400);
    expect((await list('from=yesterday')).status).toBe(400);
    expect((await list('toolkitId=1')).status).toBe(400);
  });
});
