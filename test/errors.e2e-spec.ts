import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

const expectErrorShape = (body: Record<string, unknown>, status: number): void => {
  expect(body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
  });
  expect(typeof body.requestId).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .+\.(ts|js):\d+|select |insert into/i);
};

describe('error shape, validation and request ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { BACKEND_CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' },
    });
  });
  afterAll(() => t.close());

  it('lists every bad field and refuses unknown ones', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'x', email: 'not-an-email', role: 'king', extra: true })
      .expect(400);
    expectErrorShape(res.body, 400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['email', 'extra', 'role', 'username']);
    expect(res.body.message).toContain('email must be an email');
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .set('content-type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expectErrorShape(malformed.body, 400);
    expect(malformed.body.message).toMatch(/^Malformed JSON in request body: /);
    const huge = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'big', name: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expectErrorShape(huge.body, 413);
    expect(huge.body.message).toContain('limit');
  });

  it('answers unknown routes with 404 in the same shape', async () => {
    const res = await t.http.get('/api/v1/does-not-exist').set('x-api-key', t.adminKey).expect(404);
    expectErrorShape(res.body, 404);
  });

  it('answers a malformed id with 400 naming the parameter, an unknown one with 404', async () => {
    const bad = await t.http
      .get('/api/v1/tasks/not-a-uuid')
      .set('x-api-key', t.adminKey)
      .expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
    await t.http
      .get('/api/v1/tasks/01939a8e-0000-7000-8000-000000000000')
      .set('x-api-key', t.adminKey)
      .expect(404);
  });

  it('bounds page sizes', async () => {
    const res = await t.http
      .get('/api/v1/users?limit=1000')
      .set('x-api-key', t.adminKey)
      .expect(400);
    expect(res.body.details[0].field).toBe('limit');
  });

  it('gives every response a request id, echoing a well-formed incoming one', async () => {
    const generated = await t.http.get('/health/live').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http
      .get('/api/v1/nowhere')
      .set('x-request-id', 'gateway-req-12345')
      .expect(404);
    expect(echoed.headers['x-request-id']).toBe('gateway-req-12345');
    expect(echoed.body.requestId).toBe('gateway-req-12345');
  });

  it('sends CORS headers only to allowed origins, with credentials', async () => {
    const allowed = await t.http.get('/').set('origin', 'https://app.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const refused = await t.http.get('/').set('origin', 'https://evil.example').expect(200);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
