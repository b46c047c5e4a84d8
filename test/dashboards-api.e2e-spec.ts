import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import { createDashboard, ingest, pointAt, seeded } from './support/dashboards';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

describe('dashboards and metric ingest', () => {
  let t: TestApp;
  let alice: UserWithKey;
  let bob: UserWithKey;
  const as = (user: { key: string }) => ({ 'x-api-key': user.key });
  const count = async (id: string): Promise<number> =>
    (
      await t.http
        .get(`/api/v1/dashboards/${id}/metrics?period=all`)
        .set('x-api-key', t.adminKey)
        .expect(200)
    ).body.summary.count;

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_MAX_BATCH: '50' } });
    alice = await newUserWithKey(t);
    bob = await newUserWithKey(t);
  });
  afterAll(() => t.close());

  it('creates, lists with a total, renames and deletes dashboards of the caller', async () => {
    const created = await t.http
      .post('/api/v1/dashboards')
      .set(as(alice))
      .send({ name: 'Production' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Production',
      ownerId: alice.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    await createDashboard(t, alice.key, 'Staging');
    await createDashboard(t, bob.key, 'Bob');
    const dup = await t.http
      .post('/api/v1/dashboards')
      .set(as(alice))
      .send({ name: 'Production' })
      .expect(409);
    expect(dup.body.message).toMatch(/already have a dashboard named "Production"/);
    await createDashboard(t, bob.key, 'Production'); // names are unique per owner only

    const page = await t.http.get('/api/v1/dashboards?limit=1').set(as(alice)).expect(200);
    expect(page.body).toMatchObject({ total: 2, skip: 0, limit: 1 });
    expect(page.body.items.map((d: { name: string }) => d.name)).toEqual(['Staging']);

    const renamed = await t.http
      .put(`/api/v1/dashboards/${id}`)
      .set(as(alice))
      .send({ name: 'Prod' })
      .expect(200);
    expect(renamed.body.name).toBe('Prod');
    expect(
      (await t.http.get(`/api/v1/dashboards/${id}`).set(as(alice)).expect(200)).body.name,
    ).toBe('Prod');

    await t.http.delete(`/api/v1/dashboards/${id}`).set(as(alice)).expect(204);
    await t.http.get(`/api/v1/dashboards/${id}`).set(as(alice)).expect(404);
    await t.http.post('/api/v1/dashboards').set(as(alice)).send({ name: '' }).expect(400);
    await t.http
      .post('/api/v1/dashboards')
      .set(as(alice))
      .send({ name: 'x', extra: 1 })
      .expect(400);
  });

  it("answers 403 for another user's dashboard and 404 for a missing one; an admin sees and reaches all", async () => {
    const id = await createDashboard(t, bob.key, 'Private');
    const missing = '01a20737-58be-7ee1-87e7-ecca9829b26b';
    for (const path of [
      `/api/v1/dashboards/${id}`,
      `/api/v1/dashboards/${id}/metrics`,
      `/api/v1/dashboards/${id}/metrics.csv`,
    ]) {
      const res = await t.http.get(path).set(as(alice)).expect(403);
      expect(res.body.message).toBe('This dashboard belongs to another user');
    }
    await t.http.put(`/api/v1/dashboards/${id}`).set(as(alice)).send({ name: 'Mine' }).expect(403);
    await t.http.delete(`/api/v1/dashboards/${id}`).set(as(alice)).expect(403);
    const notFound = await t.http
      .get(`/api/v1/dashboards/${missing}/metrics`)
      .set(as(alice))
      .expect(404);
    expect(notFound.body.message).toBe(`Dashboard ${missing} not found`);
    await t.http.get('/api/v1/dashboards/not-a-uuid').set(as(alice)).expect(400);

    await t.http.get(`/api/v1/dashboards/${id}/metrics`).set('x-api-key', t.adminKey).expect(200);
    const all = await t.http
      .get('/api/v1/dashboards?limit=100')
      .set('x-api-key', t.adminKey)
      .expect(200);
    expect(all.body.items.map((d: { id: string }) => d.id)).toContain(id);
    const mine = await t.http.get('/api/v1/dashboards?limit=100').set(as(alice)).expect(200);
    expect(mine.body.items.every((d: { ownerId: string }) => d.ownerId === alice.id)).toBe(true);
  });

  it('ingests one point or a batch; points without a dashboard are the caller’s alone', async () => {
    const id = await createDashboard(t, alice.key, 'Ingest');
    const random = seeded(3);
    const one = pointAt(id, new Date('2026-05-01T00:00:00Z'), random);
    expect(
      (await t.http.post('/api/v1/metrics').set(as(alice)).send(one).expect(201)).body,
    ).toEqual({ ingested: 1 });
    const batch = Array.from({ length: 50 }, (_, i) =>
      pointAt(id, new Date(Date.parse('2026-05-01T01:00:00Z') + i * 1000), random),
    );
    expect(
      (await t.http.post('/api/v1/metrics').set(as(alice)).send({ points: batch }).expect(201))
        .body,
    ).toEqual({ ingested: 50 });
    const shouting = {
      ...pointAt(id, new Date('2026-05-01T02:00:00Z'), random),
      dashboardId: id.toUpperCase(),
    };
    await t.http.post('/api/v1/metrics').set(as(alice)).send(shouting).expect(201);
    const { dashboardId: _, ...loose } = pointAt(id, new Date(), random);
    await t.http.post('/api/v1/metrics').set(as(alice)).send(loose).expect(201);
    expect(await count(id)).toBe(52);
  });

  it('refuses a batch with one bad point, naming its index and field, and writes none of it', async () => {
    const id = await createDashboard(t, alice.key, 'Atomic');
    const random = seeded(5);
    const points = Array.from({ length: 10 }, (_, i) =>
      pointAt(id, new Date(Date.parse('2026-06-01T00:00:00Z') + i * 60_000), random),
    );
    points[3] = { ...points[3], errorRate: 1.5 };
    const res = await t.http.post('/api/v1/metrics').set(as(alice)).send({ points }).expect(400);
    expect(res.body.message).toBe(
      'Validation failed: points[3].errorRate must not be greater than 1',
    );
    expect(res.body.details).toEqual([
      {
        field: 'points[3].errorRate',
        messages: ['points[3].errorRate must not be greater than 1'],
      },
    ]);

    const other = [...points];
    other[3] = { ...points[3], errorRate: 0.5, processingTimeMs: -1 } as never;
    other[7] = { ...points[7], timestamp: 'soon', surplus: true } as never;
    const many = await t.http
      .post('/api/v1/metrics')
      .set(as(alice))
      .send({ points: other })
      .expect(400);
    expect(many.body.details.map((d: { field: string }) => d.field)).toEqual([
      'points[3].processingTimeMs',
      'points[7].surplus',
      'points[7].timestamp',
    ]);
    const tooMany = Array.from({ length: 51 }, () => points[0]);
    const bounded = await t.http
      .post('/api/v1/metrics')
      .set(as(alice))
      .send({ points: tooMany })
      .expect(400);
    expect(bounded.body.message).toMatch(/points must be an array of 1 to 50 metric points/);
    await t.http.post('/api/v1/metrics').set(as(alice)).send({ points: [] }).expect(400);
    await t.http.post('/api/v1/metrics').set(as(alice)).send([points[0]]).expect(400);
    expect(await count(id)).toBe(0);
  });

  it("refuses points for another user's dashboard (403) or a missing one (404) and writes none of the batch", async () => {
    const mine = await createDashboard(t, alice.key, 'Mine');
    const theirs = await createDashboard(t, bob.key, 'Theirs');
    const random = seeded(9);
    const at = new Date('2026-07-01T00:00:00Z');
    const forbidden = await t.http
      .post('/api/v1/metrics')
      .set(as(alice))
      .send({ points: [pointAt(mine, at, random), pointAt(theirs, at, random)] })
      .expect(403);
    expect(forbidden.body.message).toBe('This dashboard belongs to another user');
    await t.http
      .post('/api/v1/metrics')
      .set(as(alice))
      .send({
        points: [
          pointAt(mine, at, random),
          pointAt('01a20737-58be-7ee1-87e7-ecca9829b26b', at, random),
        ],
      })
      .expect(404);
    expect(await count(mine)).toBe(0);
    expect(await count(theirs)).toBe(0);
    // An admin may record points for anyone's dashboard.
    await ingest(t, t.adminKey, [pointAt(theirs, at, random)]);
    expect(await count(theirs)).toBe(1);
  });

  it('seeds the demo dashboard with 720 hourly points ending at the current hour, and a second run adds nothing', async () => {
    const seed = () => inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('dashboards'));
    const [first] = await seed();
    expect(first).toMatchObject({ name: 'dashboards', created: 721 }); // the demo user and 720 points
    const [second] = await seed();
    expect(second).toMatchObject({ created: 0, updated: 0 });

    const list = await t.http
      .get('/api/v1/dashboards?limit=100')
      .set('x-api-key', t.adminKey)
      .expect(200);
    const demo = list.body.items.find(
      (d: { name: string }) => d.name === 'AI Monitoring Dashboard',
    );
    const body = (
      await t.http
        .get(`/api/v1/dashboards/${demo.id}/metrics?period=30d&bucket=raw`)
        .set('x-api-key', t.adminKey)
        .expect(200)
    ).body;
    expect(body.series).toHaveLength(720);
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    expect(body.series.at(-1).t).toBe(new Date(hour).toISOString());
    expect(body.series[0].t).toBe(new Date(hour - 719 * 3_600_000).toISOString());
    for (const point of body.series) {
      expect(point.iaEfficiency).toBeGreaterThan(0.6);
      expect(point.modelAccuracy).toBeGreaterThan(0.85);
      expect(point.errorRate).toBeLessThan(0.2);
    }
  });
});
