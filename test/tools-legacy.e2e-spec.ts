import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import {
  newUserWithKey,
  tempDirectory,
  type TempDirectory,
  type UserWithKey,
} from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';
import { STANDARD_CLASSES, toolkitPhoto } from './support/toolkit-photos';
import { zipArchive } from './support/zip-archive';

const RESULT_FIELDS = [
  'complete',
  'detections',
  'filename',
  'found',
  'image_url',
  'inference_ms',
  'missing',
  'toolkit_id',
  'unexpected',
].sort();

/** The old tool service's routes, field by field, over the same services as /api/v1/detections. */
describe('tools legacy contract', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let user: UserWithKey;
  let partial: Buffer;
  const names = new Map<string, string>();

  beforeAll(async () => {
    storage = tempDirectory('tools-legacy-');
    t = await createTestApp({ env: { STORAGE_LOCAL_DIR: storage.path } });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    user = await newUserWithKey(t, 'viewer');
    const tools = await t.http.get('/api/v1/tools?limit=100').set('x-api-key', user.key);
    for (const tool of tools.body.items as { name: string; detectorClass: string }[])
      names.set(tool.detectorClass, tool.name);
    const present = STANDARD_CLASSES.filter((c) => c !== 'spirit_level');
    partial = (await toolkitPhoto(present, 11)).image;
  });
  afterAll(async () => {
    await t.close();
    storage.remove();
  });

  const predict = (path: string, toolkit = '1') =>
    t.http.post(path).set('x-api-key', user.key).field('toolkit_id', toolkit);

  it('POST /predict/ answers the old body, with an image_url that opens', async () => {
    const res = await predict('/predict/').attach('image', partial, 'kit.jpg');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(RESULT_FIELDS);
    expect(res.body.filename).toBe('kit.jpg');
    expect(res.body.toolkit_id).toBe(1);
    expect(res.body.complete).toBe(false);
    expect(res.body.missing).toEqual([names.get('spirit_level')]);
    expect(res.body.unexpected).toEqual([]);
    const expectedFound = Object.fromEntries(
      STANDARD_CLASSES.filter((c) => c !== 'spirit_level').map((c) => [names.get(c), 1]),
    );
    expect(res.body.found).toEqual(expectedFound);
    expect(res.body.detections).toHaveLength(10);
    for (const detection of res.body.detections) {
      expect(Object.keys(detection).sort()).toEqual([
        'bbox',
        'class_name',
        'confidence',
        'tool_id',
      ]);
      expect(detection.bbox).toHaveLength(4);
      expect(typeof detection.tool_id).toBe('string');
      expect(detection.confidence).toBeGreaterThanOrEqual(0.5);
    }
    expect(typeof res.body.inference_ms).toBe('number');
    expect(res.body.image_url).toMatch(/^\/media\/[0-9a-f-]{36}\.jpg$/);
    const image = await t.http.get(res.body.image_url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
  });

  it('accepts the toolkit id as well as its number, and answers errors as {"detail": …}', async () => {
    const kits = await t.http.get('/api/v1/toolkits').set('x-api-key', user.key);
    const byId = await predict('/predict', kits.body.items[0].id).attach('image', partial, 'a.jpg');
    expect(byId.status).toBe(200);
    expect(byId.body.toolkit_id).toBe(1);
    const unknown = await predict('/predict/', '77').attach('image', partial, 'a.jpg');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'Toolkit 77 not found' });
    const noImage = await predict('/predict/');
    expect(noImage.status).toBe(400);
    expect(noImage.body).toEqual({ detail: expect.stringMatching(/^image is required/) });
    const notImage = await predict('/predict/').attach('image', Buffer.from('text'), 'a.txt');
    expect(notImage.status).toBe(415);
    expect(notImage.body).toEqual({ detail: expect.stringMatching(/not a readable image/) });
    const badField = await predict('/predict/', 'one').attach('image', partial, 'a.jpg');
    expect(badField.status).toBe(400);
    expect(badField.body).toEqual({ detail: expect.stringMatching(/toolkit_id must be/) });
    const tooMany = predict('/predict/batch');
    for (let i = 0; i <= t.config.tools.maxBatchImages; i++)
      tooMany.attach('images', partial, `${i}.jpg`);
    const many = await tooMany;
    expect(many.status).toBe(413);
    expect(many.body).toEqual({ detail: expect.stringMatching(/At most 20/) });
    expect((await t.http.post('/predict/').field('toolkit_id', '1')).status).toBe(401);
  });

  it('POST /predict/batch and /predict/zip answer {"results": […]} with error entries', async () => {
    const batch = await predict('/predict/batch')
      .field('confidence', '0.5')
      .attach('images', partial, 'one.jpg')
      .attach('images', Buffer.from('garbage'), 'two.jpg');
    expect(batch.status).toBe(200);
    expect(Object.keys(batch.body)).toEqual(['results']);
    expect(Object.keys(batch.body.results[0]).sort()).toEqual(RESULT_FIELDS);
    expect(batch.body.results[1]).toEqual({ filename: 'two.jpg', error: expect.any(String) });

    const archive = zipArchive([
      { name: 'kit.jpg', data: partial },
      { name: '../escape.jpg', data: partial },
      { name: 'list.csv', data: Buffer.from('a,b') },
    ]);
    const zip = await predict('/predict/zip').attach('zip_file', archive, 'kits.zip');
    expect(zip.status).toBe(200);
    const [kit, escape, csv] = zip.body.results;
    expect(kit).toMatchObject({ filename: 'kit.jpg', toolkit_id: 1, complete: false });
    expect(escape).toEqual({ filename: '../escape.jpg', error: expect.any(String) });
    expect(csv).toEqual({ filename: 'list.csv', error: expect.any(String) });
  });

  it('GET /base/health reports Postgres, Redis and overall', async () => {
    const res = await t.http.get('/base/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
  });

  it('marks the legacy routes deprecated under the legacy tag in OpenAPI', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    for (const [path, method] of [
      ['/predict', 'post'],
      ['/predict/batch', 'post'],
      ['/predict/zip', 'post'],
      ['/media/{filename}', 'get'],
    ]) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toMatchObject({ deprecated: true, tags: ['legacy'] });
    }
  });
});
