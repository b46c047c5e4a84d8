import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

/** Inline `<script>` elements a browser would execute (JSON data blocks are not executed). */
const inlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes, body]) => !/\bsrc=/i.test(attributes) && body.trim().length > 0)
    .filter(([, attributes]) => !/type=["']application\/json["']/i.test(attributes))
    .map(([whole]) => whole);

describe('security headers (helmet) on every response', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  const expectHelmet = (headers: Record<string, string>): void => {
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-powered-by']).toBeUndefined();
  };

  it('on Express routes, lean routes and errors', async () => {
    expectHelmet((await t.http.get('/').expect(200)).headers);
    expectHelmet((await t.http.get('/no/such/route').expect(404)).headers);
    const lean = await t.http
      .post('/api/v1/predictions/score')
      .set('x-api-key', t.adminKey)
      .send({ feature1: 1, feature2: 2, feature3: 3 })
      .expect(200);
    expectHelmet(lean.headers);
    expectHelmet((await t.http.post('/api/v1/predictions/score').send({}).expect(401)).headers);
  });

  it('on Swagger UI and the queue dashboard, whose pages run no inline script the policy would block', async () => {
    const docs = await t.http.get('/docs/').expect(200);
    expectHelmet(docs.headers);
    expect(docs.text).toContain('swagger-ui-init.js');
    expect(inlineScripts(docs.text)).toEqual([]);
    await t.http.get('/docs/swagger-ui-init.js').expect(200);

    const board = await t.http.get('/admin/queues').set('x-api-key', t.adminKey).expect(200);
    expectHelmet(board.headers);
    expect(board.text).toContain('static/js/');
    expect(inlineScripts(board.text)).toEqual([]);
  });
});
