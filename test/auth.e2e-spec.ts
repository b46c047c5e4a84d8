import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

describe('authentication and authorisation', () => {
  let t: TestApp;
  let viewerKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    const viewer = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'viewer1', email: 'Viewer1@Example.com', role: 'viewer' })
      .expect(201);
    expect(viewer.body).toMatchObject({
      username: 'viewer1',
      email: 'viewer1@example.com',
      role: 'viewer',
    });
    expect(viewer.body).not.toHaveProperty('passwordHash');
    const key = await t.http
      .post('/api/v1/api-keys')
      .set('x-api-key', t.adminKey)
      .send({ name: 'viewer key', userId: viewer.body.id })
      .expect(201);
    viewerKey = key.body.key;
  });
  afterAll(() => t.close());

  it('keeps public routes open', async () => {
    await t.http.get('/').expect(200);
    await t.http.get('/health/live').expect(200);
    await t.http.get('/docs-json').expect(200);
  });

  it('answers 401 without a key, with an unknown key, and names the header', async () => {
    const missing = await t.http.get('/api/v1/users/me').expect(401);
    expect(missing.body.message).toContain('x-api-key');
    await t.http
      .get('/api/v1/users/me')
      .set('x-api-key', 'mlp_this-key-does-not-exist-at-all')
      .expect(401);
  });

  it('identifies the caller', async () => {
    const me = await t.http.get('/api/v1/users/me').set('x-api-key', viewerKey).expect(200);
    expect(me.body).toMatchObject({ username: 'viewer1', role: 'viewer' });
  });

  it('answers 403 for a role that is not allowed, 200 for an admin', async () => {
    const denied = await t.http.get('/api/v1/users').set('x-api-key', viewerKey).expect(403);
    expect(denied.body.message).toContain('admin');
    const list = await t.http.get('/api/v1/users').set('x-api-key', t.adminKey).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual([
      'admin',
      'viewer1',
    ]);
  });

  it('shows a key only once and never stores it in clear', async () => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set('x-api-key', t.adminKey)
      .send({ name: 'once' })
      .expect(201);
    expect(created.body.key).toMatch(/^mlp_/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 12));
    const list = await t.http.get('/api/v1/api-keys').set('x-api-key', t.adminKey).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      name: 'once',
    });
  });

  it('refuses a revoked key at once', async () => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set('x-api-key', t.adminKey)
      .send({ name: 'short-lived' })
      .expect(201);
    await t.http.get('/api/v1/users/me').set('x-api-key', created.body.key).expect(200);
    const revoked = await t.http
      .post(`/api/v1/api-keys/${created.body.id}/revoke`)
      .set('x-api-key', t.adminKey)
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await t.http.get('/api/v1/users/me').set('x-api-key', created.body.key).expect(401);
  });

  it('rejects duplicates with 409', async () => {
    const again = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'viewer1' })
      .expect(409);
    expect(again.body.message).toContain('username');
  });

  it('protects the queue dashboard: browser login for admins only', async () => {
    const path = t.config.queues.dashboardPath;
    const anonymous = await t.http.get(path).expect(401);
    expect(anonymous.headers['www-authenticate']).toContain('Basic');
    await t.http.get(path).auth('admin', 'admin-password-1').expect(200);
    await t.http.get(path).auth('admin', 'wrong-password').expect(401);
    await t.http.get(path).auth('anyone', t.adminKey).expect(200);
    await t.http.get(path).set('x-api-key', viewerKey).expect(403);
  });
});
