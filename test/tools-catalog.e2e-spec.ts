import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

const CLASSES = [
  'hammer',
  'screwdriver',
  'wrench',
  'pliers',
  'tape_measure',
  'utility_knife',
  'spirit_level',
  'hex_key',
  'socket_wrench',
  'wire_cutter',
  'flashlight',
];

describe('tools catalogue: tools, toolkits, items', () => {
  let t: TestApp;
  let operator: UserWithKey;
  let viewer: UserWithKey;
  const as = (user: UserWithKey) => ({ 'x-api-key': user.key });

  beforeAll(async () => {
    t = await createTestApp();
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    operator = await newUserWithKey(t, 'operator');
    viewer = await newUserWithKey(t, 'viewer');
  });
  afterAll(() => t.close());

  const createTool = (serialNumber: string, detectorClass = 'hammer', user = operator) =>
    t.http
      .post('/api/v1/tools')
      .set(as(user))
      .send({ name: `Tool ${serialNumber}`, serialNumber, category: 'test', detectorClass });

  it('seeds toolkit 1 with the 11 standard tools, once', async () => {
    const again = await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    expect(again).toEqual([{ name: 'tools', created: 0, updated: 0 }]);
    const kits = await t.http.get('/api/v1/toolkits').set(as(viewer));
    expect(kits.status).toBe(200);
    const standard = kits.body.items.find((k: { number: number }) => k.number === 1);
    expect(standard.name).toBe('Standard technician toolkit');
    expect(standard.items.map((i: { detectorClass: string }) => i.detectorClass)).toEqual(CLASSES);
    expect(standard.items.every((i: { quantity: number }) => i.quantity === 1)).toBe(true);
    const serials = new Set(standard.items.map((i: { serialNumber: string }) => i.serialNumber));
    expect(serials.size).toBe(11);
  });

  it('creates, reads, pages, updates and deletes tools; a duplicate serial number is a 409', async () => {
    const created = await createTool('T-100');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ serialNumber: 'T-100', detectorClass: 'hammer' });

    const duplicate = await createTool('T-100', 'wrench');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/serial number T-100/);

    const other = await createTool('T-101', 'wrench');
    const renamed = await t.http
      .patch(`/api/v1/tools/${other.body.id}`)
      .set(as(operator))
      .send({ serialNumber: 'T-100' });
    expect(renamed.status).toBe(409);

    const page = await t.http.get('/api/v1/tools?detectorClass=hammer&limit=1').set(as(viewer));
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(2);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.limit).toBe(1);

    const changed = await t.http
      .patch(`/api/v1/tools/${created.body.id}`)
      .set(as(operator))
      .send({ name: 'Sledge', category: 'striking' });
    expect(changed.body).toMatchObject({
      name: 'Sledge',
      category: 'striking',
      serialNumber: 'T-100',
    });
    expect((await t.http.get(`/api/v1/tools/${created.body.id}`).set(as(viewer))).body.name).toBe(
      'Sledge',
    );
    expect((await t.http.delete(`/api/v1/tools/${created.body.id}`).set(as(operator))).status).toBe(
      204,
    );
    expect((await t.http.get(`/api/v1/tools/${created.body.id}`).set(as(viewer))).status).toBe(404);
  });

  it('validates input with 400s naming the field', async () => {
    const bad = await t.http
      .post('/api/v1/tools')
      .set(as(operator))
      .send({ name: '', serialNumber: 'a b', category: 'x', detectorClass: 'Hammer!' });
    expect(bad.status).toBe(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['detectorClass', 'name', 'serialNumber']);
    expect((await t.http.get('/api/v1/tools/not-a-uuid').set(as(viewer))).status).toBe(400);
    expect((await t.http.get('/api/v1/tools?limit=1000').set(as(viewer))).status).toBe(400);
  });

  it('lets viewers read but not write', async () => {
    expect((await createTool('T-200', 'hammer', viewer)).status).toBe(403);
    expect((await t.http.post('/api/v1/toolkits').set(as(viewer)).send({ name: 'x' })).status).toBe(
      403,
    );
    expect((await t.http.get('/api/v1/tools')).status).toBe(401);
  });

  it('numbers toolkits, takes items inline, and refuses duplicate items with 409', async () => {
    const a = (await createTool('K-1', 'pliers')).body;
    const b = (await createTool('K-2', 'flashlight')).body;
    const kit = await t.http
      .post('/api/v1/toolkits')
      .set(as(operator))
      .send({
        name: 'Electrician',
        description: 'Van kit',
        items: [{ toolId: a.id, quantity: 2 }],
      });
    expect(kit.status).toBe(201);
    expect(kit.body.number).toBe(2);
    expect(kit.body.items).toMatchObject([{ toolId: a.id, quantity: 2, detectorClass: 'pliers' }]);

    const twice = await t.http
      .post('/api/v1/toolkits')
      .set(as(operator))
      .send({
        name: 'Twice',
        items: [
          { toolId: a.id, quantity: 1 },
          { toolId: a.id, quantity: 1 },
        ],
      });
    expect(twice.status).toBe(409);
    const next = await t.http.post('/api/v1/toolkits').set(as(operator)).send({ name: 'Empty' });
    expect(next.body.number).toBe(3);

    const items = `/api/v1/toolkits/${kit.body.id}/items`;
    const added = await t.http.post(items).set(as(operator)).send({ toolId: b.id, quantity: 1 });
    expect(added.status).toBe(201);
    const again = await t.http.post(items).set(as(operator)).send({ toolId: b.id, quantity: 3 });
    expect(again.status).toBe(409);
    const zero = await t.http.post(items).set(as(operator)).send({ toolId: b.id, quantity: 0 });
    expect(zero.status).toBe(400);
    const unknownTool = await t.http
      .post(items)
      .set(as(operator))
      .send({ toolId: '01a20737-58be-7ee1-87e7-ecca9829b26b', quantity: 1 });
    expect(unknownTool.status).toBe(404);

    const patched = await t.http
      .patch(`${items}/${added.body.id}`)
      .set(as(operator))
      .send({ quantity: 4 });
    expect(patched.body.quantity).toBe(4);
    const listed = await t.http.get(items).set(as(viewer));
    expect(listed.body.map((i: { quantity: number }) => i.quantity)).toEqual([2, 4]);

    expect((await t.http.delete(`/api/v1/tools/${a.id}`).set(as(operator))).status).toBe(409);
    expect((await t.http.delete(`${items}/${added.body.id}`).set(as(operator))).status).toBe(204);
    expect((await t.http.get(items).set(as(viewer))).body).toHaveLength(1);

    expect((await t.http.delete(`/api/v1/toolkits/${kit.body.id}`).set(as(operator))).status).toBe(
      204,
    );
    expect((await t.http.get(`/api/v1/toolkits/${kit.body.id}`).set(as(viewer))).status).toBe(404);
    expect((await t.http.delete(`/api/v1/tools/${a.id}`).set(as(operator))).status).toBe(204);
  });
});
