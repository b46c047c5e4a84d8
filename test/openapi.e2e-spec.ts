import { Validator } from '@seriousme/openapi-schema-validator';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/bootstrap/openapi';
import { serializeOpenApi } from '../src/bootstrap/openapi-serializer';
import { findFreePort } from '../src/local';
import { tempDirectory } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

const run = promisify(execFile);
const EXPORT_SCRIPT = join(__dirname, '..', 'dist', 'scripts', 'export-openapi.js');

const PUBLIC_OPERATIONS = [
  'GET /',
  'GET /health/live',
  'GET /health/ready',
  'GET /healthcheck/backend',
  'GET /healthcheck/db',
  'GET /base/health',
  'GET /healthcheck/model',
  'GET /status',
  'GET /api/v1/storage/objects',
  'HEAD /api/v1/storage/objects',
  'PUT /api/v1/storage/objects',
  'GET /api/v1/media/{key}',
  'GET /media/{filename}',
];

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Schema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  [keyword: string]: unknown;
};
type Operation = {
  security?: unknown[];
  summary?: string;
  tags?: string[];
  responses: Record<string, unknown>;
  deprecated?: boolean;
};

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: Awaited<ReturnType<typeof buildOpenApiDocument>>;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operations = (): [string, Operation][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );

  it('is a valid OpenAPI 3 document', async () => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('matches the committed openapi.json (run `npm run openapi:export` after changing routes or DTOs)', () => {
    const committed = readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8');
    expect(serializeOpenApi(document)).toEqual(committed);
  });

  it('documents security on every protected operation and none on public ones', () => {
    for (const [name, op] of operations()) {
      if (PUBLIC_OPERATIONS.includes(name)) expect(op.security, name).toEqual([]);
      else expect(op.security, name).toEqual([{ 'api-key': [] }]);
    }
    expect(document.components?.securitySchemes?.['api-key']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
  });

  it('gives every operation a summary, a tag and a typed success response', () => {
    for (const [name, op] of operations()) {
      expect(op.summary, name).toBeTruthy();
      expect(op.tags?.length, name).toBeGreaterThan(0);
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      expect(success, name).toBeDefined();
      if (success?.[0] !== '204' && !name.startsWith('HEAD '))
        expect(JSON.stringify(success?.[1]), name).toContain('schema');
    }
  });

  it('documents what the validators enforce: optional defaults, integers, bounds, enums', () => {
    const list = document.paths['/api/v1/predictions'].get as { parameters: Parameter[] };
    const param = (name: string) => list.parameters.find((p) => p.name === name);
    expect(param('skip')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 0, maximum: 2147483647, default: 0 },
    });
    expect(param('limit')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    });
    const required = operations().flatMap(([name, op]) =>
      ((op as { parameters?: Parameter[] }).parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${name} ${p.name}`),
    );
    expect(required.filter((r) => /skip|limit|num_records/.test(r))).toEqual([]);
    const schemas = document.components?.schemas as Record<string, Schema>;
    expect(schemas.CreatePredictionBatchDto.properties?.items).toMatchObject({
      minItems: 1,
      maxItems: 1000,
    });
    expect(schemas.ScoreRequestDto.properties?.feature1).toMatchObject({
      type: 'number',
      minimum: -40,
      maximum: 200,
    });
    expect(schemas.UploadTicketRequestDto.properties?.content_type?.enum).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
    ]);
    expect(schemas.TaskDto.properties?.attempts?.type).toBe('integer');
    expect(schemas.TaskPage.properties?.total?.type).toBe('integer');
    expect(schemas.TaskDto.properties?.result).toMatchObject({
      type: 'object',
      additionalProperties: true,
    });
  });

  it('documents errors as JSON on every operation, even those answering CSV or events', () => {
    for (const [name, op] of operations())
      for (const [status, response] of Object.entries(op.responses)) {
        const content = (response as { content?: Record<string, unknown> }).content;
        if (status.startsWith('4') && content)
          expect(Object.keys(content), `${name} ${status}`).toEqual(['application/json']);
      }
    expect(document.servers?.length).toBeGreaterThan(0);
  });

  it('tags legacy routes and marks them deprecated', () => {
    const legacy = operations().filter(([, op]) => op.tags?.includes('legacy'));
    expect(legacy.map(([name]) => name)).toEqual(
      expect.arrayContaining(['GET /healthcheck/db', 'GET /base/health']),
    );
    for (const [name, op] of legacy) expect(op.deprecated, name).toBe(true);
  });

  it("builds the same document without any database (the export script's preview mode)", async () => {
    // The export script in its own process, with PostgreSQL and Redis pointed at ports nothing listens on:
    // it must neither need them nor wait for them, and must write what the running app serves.
    const out = tempDirectory('openapi-export-');
    try {
      const closed = `127.0.0.1:${await findFreePort()}`;
      const { stdout } = await run(process.execPath, [EXPORT_SCRIPT, out.path], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: `postgresql://nobody@${closed}/none`,
          REDIS_URL: `redis://${closed}`,
        },
        timeout: 30_000,
      });
      expect(stdout).toContain('paths');
      expect(readFileSync(join(out.path, 'openapi.json'), 'utf8')).toEqual(
        serializeOpenApi(document),
      );
    } finally {
      out.remove();
    }
    expect(document.components?.schemas).toHaveProperty('FieldErrorDto');
  });
});
