import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

describe('webhook URLs into private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS off, the default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      role: 'api',
      env: { WEBHOOK_SECRET: 'webhook-secret-for-tests-0123456789' },
    });
    await seedCatalogue(t);
  });
  afterAll(() => t?.close());

  const create = (webhookUrl: string) =>
    t.http
      .post('/api/v1/jobs')
      .set('x-api-key', t.adminKey)
      .send({ model_id: 'dreamfusion-sd', prompt: 'a teapot', webhook_url: webhookUrl });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/hook',
    'https://192.168.0.10/hook',
  ])('refuses %s with 422 naming webhook_url', async (url) => {
    const res = await create(url).expect(422);
    expect(JSON.stringify(res.body)).toContain('webhook_url');
    expect(JSON.stringify(res.body)).toMatch(/loopback, private or link-local/);
  });

  it('accepts a public host name (its addresses are checked again at delivery)', async () => {
    const res = await create('https://hooks.example.com/jobs').expect(201);
    expect(res.body.status).toBe('QUEUED');
  });
});
