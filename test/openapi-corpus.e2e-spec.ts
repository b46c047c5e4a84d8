import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiCorpus, type CorpusCase, type OpenApiDocument } from './support/openapi-corpus';
import { createTestApp, type TestApp } from './support/test-app';

const STANDARD_KEYS = ['statusCode', 'error', 'message', 'details', 'requestId'];

const isFastApiDetail = (detail: unknown): boolean =>
  Array.isArray(detail) &&
  detail.length > 0 &&
  detail.every(
    (d: { loc?: unknown; msg?: unknown; type?: unknown }) =>
      Array.isArray(d.loc) && typeof d.msg === 'string' && typeof d.type === 'string',
  );

/** What is wrong with a response to a bad request, or undefined when it is a proper answer. */
function problemOf(c: CorpusCase, res: Response): string | undefined {
  if (res.status >= 500) return `answered ${res.status}`;
  if (res.status < 400 || c.method === 'HEAD') return undefined;
  const body = res.body as Record<string, unknown>;
  // Legacy routes answer their own "not found" body, {"detail": "..."}, as the replaced service did.
  if (c.legacy && typeof body.detail === 'string' && Object.keys(body).length === 1)
    return undefined;
  // The realty legacy routes answer invalid input as FastAPI did: 422 {"detail": [{loc, msg, type}]}.
  if (
    c.legacy &&
    res.status === 422 &&
    isFastApiDetail(body.detail) &&
    Object.keys(body).length === 1
  )
    return undefined;
  const standard =
    body.statusCode === res.status &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string' &&
    body.requestId.length > 0 &&
    Object.keys(body).every((key) => STANDARD_KEYS.includes(key));
  if (!standard) return `answered ${res.status} with ${JSON.stringify(body).slice(0, 200)}`;
  if (/at .+\.(ts|js):\d+|select |insert into/i.test(res.text)) return 'leaks internals';
  return undefined;
}

describe('a corpus of bad requests derived from the OpenAPI document', () => {
  let t: TestApp;
  let cases: CorpusCase[];

  beforeAll(async () => {
    t = await createTestApp();
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    cases = new OpenApiCorpus(document).cases();
  });
  afterAll(() => t.close());

  const send = (c: CorpusCase): Promise<Response> => {
    const method = c.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'head';
    let req = t.http[method](c.url).set('x-api-key', t.adminKey);
    if (c.contentType !== undefined) req = req.set('content-type', c.contentType);
    return c.body !== undefined ? req.send(c.body) : req;
  };

  it('covers every operation, with path, query, JSON and multipart cases', () => {
    const operations = new Set(cases.map((c) => c.operation));
    expect(operations.size).toBeGreaterThanOrEqual(50);
    for (const kind of [
      'path id:',
      'query skip:',
      'body:',
      'multipart:',
      'deeply nested JSON body',
    ])
      expect(
        cases.some((c) => c.breaks.startsWith(kind)),
        kind,
      ).toBe(true);
    expect(cases.length).toBeGreaterThan(800);
  });

  it('answers every case below 500, every error in the standard shape', async () => {
    const problems: string[] = [];
    const parallel = 8;
    for (let i = 0; i < cases.length; i += parallel) {
      const batch = cases.slice(i, i + parallel);
      const responses = await Promise.all(batch.map(send));
      batch.forEach((c, j) => {
        const problem = problemOf(c, responses[j]);
        if (problem) problems.push(`${c.operation} [${c.breaks}]: ${problem}`);
      });
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('names the field when a page is out of range or a string holds NUL, the limit when a body is too deep', async () => {
    const skip = await t.http
      .get('/api/v1/predictions?skip=99999999999999999999')
      .set('x-api-key', t.adminKey)
      .expect(400);
    expect(skip.body.message).toContain('skip');
    const deep = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .set('content-type', 'application/json')
      .send(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)
      .expect(400);
    expect(deep.body.message).toBe('JSON request body is nested deeper than 64 levels');
    const nul = await t.http
      .post('/api/v1/users')
      .set('x-api-key', t.adminKey)
      .send({ username: 'nul-user', role: 'viewer', name: 'Jane\u0000Doe' })
      .expect(400);
    expect(nul.body.message).toBe('JSON request body holds a NUL character (\\u0000) in name');
  });
});
