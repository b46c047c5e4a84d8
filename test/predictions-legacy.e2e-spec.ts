import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

describe('legacy predictions contract', () => {
  let t: TestApp;
  const auth = () => ({ 'x-api-key': t.adminKey });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET / says Hello World', async () => {
    expect((await t.http.get('/').expect(200)).body.message).toBe('Hello World');
  });

  it('POST /mock inserts records and answers the old message', async () => {
    const res = await t.http.post('/mock?num_records=10').set(auth()).expect(200);
    expect(res.body).toEqual({ message: '10 records inserted successfully.' });
    const defaulted = await t.http.post('/mock').set(auth()).expect(200);
    expect(defaulted.body).toEqual({ message: '10 records inserted successfully.' });
  });

  it('GET /predictions/ lists records with the old field names, paged by skip and limit', async () => {
    const page = await t.http.get('/predictions/?skip=0&limit=10').set(auth()).expect(200);
    expect(page.body).toHaveLength(10);
    const record = page.body[0];
    expect(Object.keys(record).sort()).toEqual(
      [
        'Date',
        'Feature1',
        'Feature2',
        'Feature3',
        'ID',
        'KNR',
        'Prediction_result',
        'Real_result',
      ].sort(),
    );
    expect(record.Date).toMatch(/^\d{9,11}$/);
    expect(typeof record.Feature1).toBe('number');
    expect([0, 1]).toContain(record.Prediction_result);
    expect(record.Real_result).toBeNull();
    const next = await t.http.get('/predictions/?skip=10&limit=10').set(auth()).expect(200);
    expect(next.body).toHaveLength(10);
    expect(next.body[0].ID).not.toBe(record.ID);
    expect((await t.http.get('/predictions').set(auth()).expect(200)).body).toHaveLength(10);
  });

  it('GET /prediction_id/{ID} returns one record, or the old 404 body', async () => {
    const [first] = (await t.http.get('/predictions/?limit=1').set(auth())).body;
    const one = await t.http.get(`/prediction_id/${first.ID}`).set(auth()).expect(200);
    expect(one.body).toEqual(first);
    const missing = await t.http
      .get('/prediction_id/01939a8e-0000-7000-8000-000000000000')
      .set(auth())
      .expect(404);
    expect(missing.body).toEqual({ detail: 'Prediction not found' });
    expect((await t.http.get('/prediction_id/42').set(auth()).expect(404)).body).toEqual({
      detail: 'Prediction not found',
    });
  });

  it('PUT /predictions/{ID} updates features and results', async () => {
    const [first] = (await t.http.get('/predictions/?limit=1').set(auth())).body;
    const updated = await t.http
      .put(`/predictions/${first.ID}`)
      .set(auth())
      .send({ Feature1: 99.5, Feature2: 7, Feature3: 3, Real_result: 1, Date: '1795000000' })
      .expect(200);
    expect(updated.body).toMatchObject({
      ID: first.ID,
      Feature1: 99.5,
      Feature2: 7,
      Feature3: 3,
      Real_result: 1,
      Date: '1795000000',
    });
    const missing = await t.http
      .put('/predictions/01939a8e-0000-7000-8000-000000000000')
      .set(auth())
      .send({ Feature1: 1 })
      .expect(404);
    expect(missing.body).toEqual({ detail: 'Prediction not found' });
    await t.http.put(`/predictions/${first.ID}`).set(auth()).send({ Feature2: 'loud' }).expect(400);
  });

  it('DELETE /predictions/{ID} answers the old messages', async () => {
    const [first] = (await t.http.get('/predictions/?limit=1').set(auth())).body;
    expect((await t.http.delete(`/predictions/${first.ID}`).set(auth()).expect(200)).body).toEqual({
      detail: 'Prediction deleted',
    });
    expect((await t.http.delete(`/predictions/${first.ID}`).set(auth()).expect(404)).body).toEqual({
      detail: 'Prediction not found',
    });
  });

  it('GET /healthcheck/model runs a probe prediction', async () => {
    const res = await t.http.get('/healthcheck/model').expect(200);
    expect(res.body).toEqual({ status: 'ok', prediction: expect.any(Number) });
  });

  it('shares the canonical authentication', async () => {
    await t.http.get('/predictions/').expect(401);
    await t.http.post('/mock').expect(401);
  });
});
