import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { ModelRegistry } from '@app/inference';
import { SeedRunner } from '../src/seeding/seed-runner';
import { TOOL_DETECTOR_MODEL } from '../src/tools/detection';
import { ToolkitItem } from '../src/tools/entities/toolkit-item.entity';
import { STANDARD_TOOLS } from '../src/tools/seed/standard-toolkit';
import {
  newUserWithKey,
  tempDirectory,
  type TempDirectory,
  type UserWithKey,
} from './support/fixtures';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';
import { STANDARD_CLASSES, toolkitPhoto } from './support/toolkit-photos';
import { zipArchive } from './support/zip-archive';

interface Item {
  toolId: string;
  name: string;
  expected: number;
  found: number;
}
interface Detection {
  class: string;
  toolId: string | null;
  confidence: number;
  box: number[];
}

const foundByClass = (items: Item[], toolClass: Map<string, string>) =>
  Object.fromEntries(items.map((i) => [toolClass.get(i.toolId), i.found]));

/** Toolkit checks of generated photos whose contents are known. */
describe('tools detection on generated toolkit photos', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let operator: UserWithKey;
  let redis: Redis;
  const toolClass = new Map<string, string>();
  const toolOf = new Map<string, string>();

  beforeAll(async () => {
    storage = tempDirectory('tools-detection-');
    t = await createTestApp({
      env: { STORAGE_LOCAL_DIR: storage.path, TOOLS_CACHE_TTL_SECONDS: '600' },
    });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    operator = await newUserWithKey(t, 'operator');
    redis = new Redis(TEST_REDIS_URL);
    const tools = await t.http.get('/api/v1/tools?limit=100').set('x-api-key', operator.key);
    for (const tool of tools.body.items as { id: string; detectorClass: string }[]) {
      toolClass.set(tool.id, tool.detectorClass);
      toolOf.set(tool.detectorClass, tool.id);
    }
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    storage.remove();
  });

  const detect = (image: Buffer, toolkit: string, confidence?: string) => {
    const req = t.http
      .post('/api/v1/detections')
      .set('x-api-key', operator.key)
      .field('toolkit_id', toolkit);
    if (confidence !== undefined) req.field('confidence', confidence);
    return req.attach('image', image, 'kit.jpg');
  };

  it('finds every tool of a full toolkit: complete, one of each, boxes on the glyphs', async () => {
    const photo = await toolkitPhoto([...STANDARD_CLASSES], 1);
    const res = await detect(photo.image, '1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ complete: true, missing: [], unexpected: [], cached: false });
    expect(res.body.modelVersion).toBe('1.0.0');
    expect(foundByClass(res.body.items, toolClass)).toEqual(
      Object.fromEntries(STANDARD_CLASSES.map((c) => [c, 1])),
    );
    expect(res.body.counts).toHaveLength(11);
    for (const detection of res.body.detections as Detection[]) {
      expect(detection.toolId).toBe(toolOf.get(detection.class));
      const truth = photo.truth.find((g) => g.className === detection.class);
      const [x1, y1, x2, y2] = detection.box;
      const [tx1, ty1, tx2, ty2] = truth!.box;
      // The box centre lies inside the drawn glyph.
      expect((x1 + x2) / 2).toBeGreaterThan(tx1);
      expect((x1 + x2) / 2).toBeLessThan(tx2);
      expect((y1 + y2) / 2).toBeGreaterThan(ty1);
      expect((y1 + y2) / 2).toBeLessThan(ty2);
    }
    expect(res.body.inferenceMs).toBeGreaterThan(0);
  });

  it('gives the README verdicts on the committed sample photos (seeds/tools)', async () => {
    const complete = await detect(readFileSync('seeds/tools/toolkit-complete.jpg'), '1');
    expect(complete.body).toMatchObject({ complete: true, missing: [] });
    const partial = await detect(readFileSync('seeds/tools/toolkit-missing-hammer-tape.jpg'), '1');
    expect(partial.body.complete).toBe(false);
    expect(partial.body.missing.map((m: { name: string }) => m.name).sort()).toEqual([
      'Claw hammer 16 oz',
      'Tape measure 5 m',
    ]);
  });

  it('names what is missing when tools are left out, and counts extra copies', async () => {
    const present = STANDARD_CLASSES.filter((c) => c !== 'hammer' && c !== 'tape_measure');
    const photo = await toolkitPhoto([...present, 'flashlight'], 2);
    const res = await detect(photo.image, '1');
    expect(res.status).toBe(200);
    expect(res.body.complete).toBe(false);
    const missing = res.body.missing.map((m: { toolId: string; missing: number }) => [
      toolClass.get(m.toolId),
      m.missing,
    ]);
    expect(missing.sort()).toEqual([
      ['hammer', 1],
      ['tape_measure', 1],
    ]);
    const found = foundByClass(res.body.items, toolClass);
    expect(found.flashlight).toBe(2);
    expect(found.hammer).toBe(0);
    expect(res.body.unexpected).toEqual([]);
  });

  it('reports classes the toolkit does not hold as unexpected', async () => {
    const kit = await t.http
      .post('/api/v1/toolkits')
      .set('x-api-key', operator.key)
      .send({
        name: 'Fitter',
        items: ['hammer', 'pliers', 'wrench'].map((c) => ({ toolId: toolOf.get(c), quantity: 1 })),
      });
    const photo = await toolkitPhoto(['hammer', 'pliers', 'wrench', 'flashlight', 'hex_key'], 3);
    const res = await detect(photo.image, kit.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ toolkitNumber: kit.body.number, complete: true, missing: [] });
    expect(res.body.unexpected).toEqual([
      { class: 'flashlight', count: 1 },
      { class: 'hex_key', count: 1 },
    ]);
    const unmapped = (res.body.detections as Detection[]).filter((d) => d.toolId === null);
    expect(unmapped.map((d) => d.class).sort()).toEqual(['flashlight', 'hex_key']);
  });

  it('applies the confidence floor', async () => {
    const photo = await toolkitPhoto([...STANDARD_CLASSES], 1);
    const all = (await detect(photo.image, '1', '0.5')).body.detections as Detection[];
    expect(all).toHaveLength(11);
    // A floor between the 6th and 7th best scores: the detector's scores decide, the floor must cut there.
    const scores = all.map((d) => d.confidence).sort((a, b) => b - a);
    const floor = ((scores[5] + scores[6]) / 2).toFixed(4);
    expect(scores[5]).toBeGreaterThan(scores[6]);
    const strict = await detect(photo.image, '1', floor);
    const kept = strict.body.detections as Detection[];
    expect(kept).toHaveLength(6);
    expect(kept.every((d) => d.confidence >= Number(floor))).toBe(true);
    expect(strict.body.complete).toBe(false);
    expect(strict.body.missing).toHaveLength(5);
  });

  it('answers a repeat from the Redis cache, and not once the toolkit items change', async () => {
    const kit = await t.http
      .post('/api/v1/toolkits')
      .set('x-api-key', operator.key)
      .send({ name: 'Cache', items: [{ toolId: toolOf.get('hammer'), quantity: 1 }] });
    const photo = await toolkitPhoto(['hammer', 'wrench'], 4);
    const first = await detect(photo.image, kit.body.id);
    expect(first.body).toMatchObject({ cached: false, complete: true });
    const keys = await redis.keys(`${t.config.redis.keyPrefix}:cache:tools:detection:*`);
    expect(keys.length).toBeGreaterThan(0);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(500_000);
    expect(ttl).toBeLessThanOrEqual(600_000);

    const again = await detect(photo.image, String(kit.body.number));
    expect(again.body.cached).toBe(true);
    expect({ ...again.body, cached: false }).toEqual(first.body);

    expect((await detect(photo.image, kit.body.id, '0.6')).body.cached).toBe(false);

    const items = `/api/v1/toolkits/${kit.body.id}/items`;
    const hammer = kit.body.items[0].id;
    await t.http.patch(`${items}/${hammer}`).set('x-api-key', operator.key).send({ quantity: 2 });
    const changed = await detect(photo.image, kit.body.id);
    expect(changed.body).toMatchObject({ cached: false, complete: false });
    expect(changed.body.missing).toEqual([
      { toolId: toolOf.get('hammer'), name: expect.any(String), missing: 1 },
    ]);
    await t.http
      .post(items)
      .set('x-api-key', operator.key)
      .send({ toolId: toolOf.get('wrench'), quantity: 1 });
    const added = await detect(photo.image, kit.body.id);
    expect(added.body.cached).toBe(false);
    expect(added.body.unexpected).toEqual([]);
  });

  it('sees a toolkit change made in an explicit transaction, and a renamed tool, on the next check', async () => {
    const kit = await t.http
      .post('/api/v1/toolkits')
      .set('x-api-key', operator.key)
      .send({ name: 'Snapshots', items: [{ toolId: toolOf.get('pliers'), quantity: 1 }] });
    const photo = await toolkitPhoto(['pliers'], 11);
    expect((await detect(photo.image, kit.body.id)).body).toMatchObject({ complete: true });
    expect((await detect(photo.image, kit.body.id)).body.cached).toBe(true);

    await t.app
      .get(MikroORM)
      .em.fork()
      .transactional(async (em) => {
        const item = await em.findOneOrFail(ToolkitItem, { id: kit.body.items[0].id });
        item.quantity = 3;
      });
    const changed = await detect(photo.image, kit.body.id);
    expect(changed.body).toMatchObject({ cached: false, complete: false });
    expect(changed.body.missing[0]).toMatchObject({ missing: 2 });

    const pliers = toolOf.get('pliers');
    await t.http
      .patch(`/api/v1/tools/${pliers}`)
      .set('x-api-key', operator.key)
      .send({ name: 'Renamed pliers' });
    const renamed = await detect(photo.image, kit.body.id);
    expect(renamed.body.cached).toBe(false);
    expect(renamed.body.missing[0]).toMatchObject({ toolId: pliers, name: 'Renamed pliers' });

    // Plain SQL (another process, an operator): announced by the table's trigger, seen within moments.
    await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute(`update toolkit_items set quantity = 1 where id = ?`, [kit.body.items[0].id]);
    await eventually(
      async () => {
        const body = (await detect(photo.image, kit.body.id)).body;
        return body.complete === true ? body : undefined;
      },
      5000,
      50,
    );

    const standard = STANDARD_TOOLS.find((tool) => tool.detectorClass === 'pliers')!;
    await t.http
      .patch(`/api/v1/tools/${pliers}`)
      .set('x-api-key', operator.key)
      .send({ name: standard.name });
  });

  it('does not serve a cached answer of another model version', async () => {
    const photo = await toolkitPhoto(['hammer', 'pliers'], 8);
    expect((await detect(photo.image, '1')).body).toMatchObject({
      cached: false,
      modelVersion: '1.0.0',
    });
    expect((await detect(photo.image, '1')).body.cached).toBe(true);
    const registry = t.app.get(ModelRegistry);
    await registry.load(
      TOOL_DETECTOR_MODEL,
      '1.0.1-test',
      join(t.config.inference.modelsDir, 'tool-detector/1.0.0.onnx'),
      {
        activate: true,
      },
    );
    try {
      const newer = await detect(photo.image, '1');
      expect(newer.body).toMatchObject({ cached: false, modelVersion: '1.0.1-test' });
      expect((await detect(photo.image, '1')).body.cached).toBe(true);
    } finally {
      registry.activate(TOOL_DETECTOR_MODEL, '1.0.0');
      await registry.unload(TOOL_DETECTOR_MODEL, '1.0.1-test');
    }
    expect((await detect(photo.image, '1')).body).toMatchObject({
      cached: true,
      modelVersion: '1.0.0',
    });
  });

  it('stores an annotated JPEG of the photo', async () => {
    const photo = await toolkitPhoto(['pliers', 'hex_key'], 5, { width: 640, height: 480 });
    const res = await detect(photo.image, '1');
    const image = await t.http
      .get(res.body.annotatedImageUrl)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(image.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 480]);
  });

  it('checks a batch with one corrupt file, and a ZIP with a non-image', async () => {
    const a = await toolkitPhoto([...STANDARD_CLASSES], 6);
    const b = await toolkitPhoto(['hammer'], 7, { width: 640, height: 480 });
    const batch = await t.http
      .post('/api/v1/detections/batch')
      .set('x-api-key', operator.key)
      .field('toolkit_id', '1')
      .attach('images', a.image, 'full.jpg')
      .attach('images', a.image.subarray(0, 2000), 'cut.jpg')
      .attach('images', b.image, 'hammer.jpg');
    expect(batch.status).toBe(200);
    const [full, cut, hammer] = batch.body.results;
    expect(full).toMatchObject({ filename: 'full.jpg', complete: true });
    expect(cut).toEqual({ filename: 'cut.jpg', error: expect.any(String) });
    expect(hammer).toMatchObject({ filename: 'hammer.jpg', complete: false });
    expect(hammer.missing).toHaveLength(10);

    const zip = await t.http
      .post('/api/v1/detections/zip')
      .set('x-api-key', operator.key)
      .field('toolkit_id', '1')
      .attach(
        'zip_file',
        zipArchive([
          { name: 'day1/full.jpg', data: a.image },
          { name: 'day1/readme.txt', data: Buffer.from('photos of the day') },
        ]),
        'day1.zip',
      );
    expect(zip.status).toBe(200);
    expect(zip.body.results[0]).toMatchObject({ filename: 'day1/full.jpg', complete: true });
    expect(zip.body.results[1]).toEqual({ filename: 'day1/readme.txt', error: expect.any(String) });
  });
});
