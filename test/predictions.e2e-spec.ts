import { ModelRegistry } from '@app/inference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserWithKey } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

const vehicle = (knr: string, f1 = 70, f2 = 4, f3 = 0) => ({
  knr,
  feature1: f1,
  feature2: f2,
  feature3: f3,
});

describe('predictions API', () => {
  let t: TestApp;
  let viewerKey: string;
  const as = (key: string) => ({ 'x-api-key': key });

  beforeAll(async () => {
    t = await createTestApp({ env: { BACKEND_CORS_ORIGINS: 'https://app.example.com' } });
    viewerKey = (await newUserWithKey(t)).key;
  });
  afterAll(() => t.close());

  it('scores features without storing them, with the registry counting the call', async () => {
    const before =
      t.app
        .get(ModelRegistry)
        .list()
        .find((m) => m.name === 'vehicle-quality')?.versions[0].stats.count ?? 0;
    const res = await t.http
      .post('/api/v1/predictions/score')
      .set(as(viewerKey))
      .send({ feature1: 70, feature2: 4, feature3: 0 })
      .expect(200);
    expect(res.body).toEqual({
      probability: expect.any(Number),
      predictionResult: expect.any(Number),
      modelVersion: '1.0.0',
    });
    expect(res.body.probability).toBeGreaterThanOrEqual(0);
    expect(res.body.probability).toBeLessThanOrEqual(1);
    expect(res.body.predictionResult).toBe(res.body.probability >= 0.5 ? 1 : 0);
    const after =
      t.app
        .get(ModelRegistry)
        .list()
        .find((m) => m.name === 'vehicle-quality')?.versions[0].stats.count ?? 0;
    expect(after).toBe(before + 1);
    const list = await t.http.get('/api/v1/predictions').set(as(viewerKey)).expect(200);
    expect(list.body.total).toBe(0);
  });

  it("serves /score on the lean path with the platform's auth, errors, limits, CORS and request ids", async () => {
    const url = '/api/v1/predictions/score';
    const good = { feature1: 70, feature2: 4, feature3: 0 };
    const missing = await t.http.post(url).send(good).expect(401);
    expect(missing.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('x-api-key'),
    });
    await t.http.post(url).set(as('mlp_not-a-real-key-0000000000000')).send(good).expect(401);

    const invalid = await t.http
      .post(url)
      .set(as(viewerKey))
      .send({ feature1: 'hot', feature2: 99, extra: 1 })
      .expect(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'extra',
      'feature1',
      'feature2',
      'feature3',
    ]);
    expect(invalid.body.message).toContain('feature2 must not be greater than 50');
    expect(typeof invalid.body.requestId).toBe('string');

    const malformed = await t.http
      .post(url)
      .set(as(viewerKey))
      .set('content-type', 'application/json')
      .send('{"feature1":')
      .expect(400);
    expect(malformed.body.message).toMatch(/^Malformed JSON in request body: /);
    await t.http
      .post(url)
      .set(as(viewerKey))
      .set('content-type', 'text/plain')
      .send('70,4,0')
      .expect(400);
    const huge = await t.http
      .post(url)
      .set(as(viewerKey))
      .send({ ...good, pad: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.message).toContain('limit');

    const ok = await t.http
      .post(url)
      .set(as(viewerKey))
      .set('origin', 'https://app.example.com')
      .set('x-request-id', 'client-req-000123')
      .send(good)
      .expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(ok.headers['x-request-id']).toBe('client-req-000123');
    expect(ok.headers['content-type']).toContain('application/json');
    const refused = await t.http
      .post(url)
      .set(as(viewerKey))
      .set('origin', 'https://evil.example')
      .send(good)
      .expect(200);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('creates, reads, updates (re-predicting) and deletes a record', async () => {
    const created = await t.http
      .post('/api/v1/predictions')
      .set(as(t.adminKey))
      .send({ ...vehicle('KNR-1'), date: '2026-11-01T08:00:00Z' })
      .expect(201);
    expect(created.body).toMatchObject({
      knr: 'KNR-1',
      date: '2026-11-01T08:00:00.000Z',
      feature1: 70,
      realResult: null,
      modelVersion: '1.0.0',
    });
    const id = created.body.id;
    expect(
      (await t.http.get(`/api/v1/predictions/${id}`).set(as(viewerKey)).expect(200)).body,
    ).toEqual(created.body);

    const hot = await t.http
      .put(`/api/v1/predictions/${id}`)
      .set(as(t.adminKey))
      .send({ feature1: 180, feature2: 40 })
      .expect(200);
    const scored = await t.http
      .post('/api/v1/predictions/score')
      .set(as(t.adminKey))
      .send({ feature1: 180, feature2: 40, feature3: 0 });
    expect(hot.body.probability).toBeCloseTo(scored.body.probability, 6);
    expect(hot.body.probability).not.toBeCloseTo(created.body.probability, 6);

    const judged = await t.http
      .put(`/api/v1/predictions/${id}`)
      .set(as(t.adminKey))
      .send({ realResult: 1 })
      .expect(200);
    expect(judged.body).toMatchObject({ realResult: 1, probability: hot.body.probability });
    await t.http
      .put(`/api/v1/predictions/${id}`)
      .set(as(viewerKey))
      .send({ realResult: 0 })
      .expect(403);

    await t.http.delete(`/api/v1/predictions/${id}`).set(as(t.adminKey)).expect(204);
    await t.http.get(`/api/v1/predictions/${id}`).set(as(viewerKey)).expect(404);
    await t.http.delete(`/api/v1/predictions/${id}`).set(as(t.adminKey)).expect(404);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ ...vehicle('K'), feature1: 'hot' }, 'feature1'],
      [{ ...vehicle('K'), feature2: 51 }, 'feature2'],
      [{ ...vehicle('K'), feature3: -101 }, 'feature3'],
      [{ feature1: 1, feature2: 1, feature3: 1 }, 'knr'],
      [{ ...vehicle('K'), date: 'yesterday' }, 'date'],
      [{ ...vehicle('K'), colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http
        .post('/api/v1/predictions')
        .set(as(t.adminKey))
        .send(body)
        .expect(400);
      expect(
        res.body.details.map((d: { field: string }) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    await t.http.get('/api/v1/predictions/not-a-uuid').set(as(viewerKey)).expect(400);
    await t.http
      .get('/api/v1/predictions/01939a8e-0000-7000-8000-000000000000')
      .set(as(viewerKey))
      .expect(404);
    await t.http
      .put('/api/v1/predictions/01939a8e-0000-7000-8000-000000000000')
      .set(as(t.adminKey))
      .send({ realResult: 2 })
      .expect(400);
    await t.http
      .post('/api/v1/predictions/batch')
      .set(as(t.adminKey))
      .send({ items: [] })
      .expect(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => vehicle(`K${i}`));
    await t.http
      .post('/api/v1/predictions/batch')
      .set(as(t.adminKey))
      .send({ items: tooMany })
      .expect(400);
    await t.http.post('/api/v1/predictions/mock?num_records=1001').set(as(t.adminKey)).expect(400);
    await t.http.get('/api/v1/predictions?limit=101').set(as(viewerKey)).expect(400);
    await t.http.get('/api/v1/predictions?sort=colour').set(as(viewerKey)).expect(400);
  });

  it('refuses dates PostgreSQL cannot store with 400 naming the field, on every route that takes one', async () => {
    const ancient = '-100000-01-01T00:00:00Z';
    const expectDateRefused = (
      res: { body: { details: { field: string; messages: string[] }[] } },
      field: string,
    ) =>
      expect(res.body.details).toEqual([
        {
          field,
          messages: [`${field} must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z`],
        },
      ]);
    const created = await t.http
      .post('/api/v1/predictions')
      .set(as(t.adminKey))
      .send({ ...vehicle('OLD-1'), date: ancient })
      .expect(400);
    expectDateRefused(created, 'date');
    const batch = await t.http
      .post('/api/v1/predictions/batch')
      .set(as(t.adminKey))
      .send({ items: [vehicle('OLD-2'), { ...vehicle('OLD-3'), date: '+275760-01-01T00:00:00Z' }] })
      .expect(400);
    expect(batch.body.details[0].field).toBe('items.1.date');
    const existing = await t.http
      .post('/api/v1/predictions')
      .set(as(t.adminKey))
      .send(vehicle('OLD-4'))
      .expect(201);
    const updated = await t.http
      .put(`/api/v1/predictions/${existing.body.id}`)
      .set(as(t.adminKey))
      .send({ date: ancient })
      .expect(400);
    expectDateRefused(updated, 'date');
    const listed = await t.http
      .get(`/api/v1/predictions?dateFrom=${encodeURIComponent(ancient)}`)
      .set(as(viewerKey))
      .expect(400);
    expectDateRefused(listed, 'dateFrom');
    await t.http.delete(`/api/v1/predictions/${existing.body.id}`).set(as(t.adminKey)).expect(204);
  });

  it('creates a batch in one run, lists with filters, sorting and total', async () => {
    const items = [
      { ...vehicle('BATCH-A', 60, 2, 1), date: '2026-10-01T00:00:00Z' },
      { ...vehicle('BATCH-B', 150, 30, 40), date: '2026-10-02T00:00:00Z' },
      { ...vehicle('BATCH-C', 80, 6, -3), date: '2026-10-03T00:00:00Z' },
    ];
    const batch = await t.http
      .post('/api/v1/predictions/batch')
      .set(as(t.adminKey))
      .send({ items })
      .expect(201);
    expect(batch.body.map((p: { knr: string }) => p.knr)).toEqual([
      'BATCH-A',
      'BATCH-B',
      'BATCH-C',
    ]);
    await t.http
      .put(`/api/v1/predictions/${batch.body[0].id}`)
      .set(as(t.adminKey))
      .send({ realResult: 0 });

    const byKnr = await t.http
      .get('/api/v1/predictions?knr=BATCH-B')
      .set(as(viewerKey))
      .expect(200);
    expect(byKnr.body).toMatchObject({ total: 1, skip: 0, limit: 20 });
    const range = await t.http
      .get(
        '/api/v1/predictions?dateFrom=2026-10-02T00:00:00Z&dateTo=2026-10-04T00:00:00Z&sort=date&order=asc',
      )
      .set(as(viewerKey))
      .expect(200);
    expect(range.body.items.map((p: { knr: string }) => p.knr)).toEqual(['BATCH-B', 'BATCH-C']);
    const judged = await t.http
      .get('/api/v1/predictions?hasRealResult=true')
      .set(as(viewerKey))
      .expect(200);
    expect(judged.body.items.map((p: { knr: string }) => p.knr)).toEqual(['BATCH-A']);
    const byProbability = await t.http
      .get('/api/v1/predictions?sort=probability&order=desc&limit=1')
      .set(as(viewerKey));
    expect(byProbability.body.items[0].knr).toBe('BATCH-B');
    expect(byProbability.body.total).toBe(3);
    const positives = await t.http.get('/api/v1/predictions?predictionResult=1').set(as(viewerKey));
    expect(
      positives.body.items.every((p: { predictionResult: number }) => p.predictionResult === 1),
    ).toBe(true);
  });

  it('creates plausible mock records through the model', async () => {
    const res = await t.http
      .post('/api/v1/predictions/mock?num_records=25')
      .set(as(t.adminKey))
      .expect(201);
    expect(res.body).toHaveLength(25);
    for (const p of res.body) {
      expect(p.knr).toMatch(/^KNR-\d{8}$/);
      expect(p.modelVersion).toBe('1.0.0');
      expect(p.probability).toBeGreaterThanOrEqual(0);
    }
  });

  it('measures live quality where the real result is known', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      ...vehicle(`Q-${i}`, 50 + i * 25, 1 + i * 7, i * 10),
      date: '2026-09-15T00:00:00Z',
    }));
    const created = (
      await t.http.post('/api/v1/predictions/batch').set(as(t.adminKey)).send({ items })
    ).body;
    // The first four agree with the model, the last two contradict it.
    const expected = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
    for (const [i, p] of created.entries()) {
      const real = i < 4 ? p.predictionResult : 1 - p.predictionResult;
      await t.http
        .put(`/api/v1/predictions/${p.id}`)
        .set(as(t.adminKey))
        .send({ realResult: real })
        .expect(200);
      const key =
        p.predictionResult === 1
          ? real === 1
            ? 'truePositive'
            : 'falsePositive'
          : real === 0
            ? 'trueNegative'
            : 'falseNegative';
      expected[key] += 1;
    }
    const res = await t.http
      .get(
        '/api/v1/predictions/quality?dateFrom=2026-09-01T00:00:00Z&dateTo=2026-09-30T00:00:00Z&modelVersion=1.0.0',
      )
      .set(as(viewerKey))
      .expect(200);
    expect(res.body.confusionMatrix).toEqual(expected);
    expect(res.body.count).toBe(6);
    expect(res.body.accuracy).toBeCloseTo(4 / 6, 10);
    const empty = await t.http
      .get('/api/v1/predictions/quality?modelVersion=0.0.0')
      .set(as(viewerKey))
      .expect(200);
    expect(empty.body).toMatchObject({ count: 0, accuracy: null, precision: null });
  });
});
