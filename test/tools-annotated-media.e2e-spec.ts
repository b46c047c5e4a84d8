import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import { ObjectStorage } from '../src/storage/object-storage';
import { ToolDetector } from '../src/tools/detection';
import {
  newUserWithKey,
  tempDirectory,
  type TempDirectory,
  type UserWithKey,
} from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';
import { STANDARD_CLASSES, toolkitPhoto } from './support/toolkit-photos';

/** superagent's parser for a binary body: the raw bytes as a Buffer. */
const binary = (res: unknown, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Pixels whose colour changed by more than JPEG noise between two encodings of the same-sized image. */
const changedPixels = async (a: Buffer, b: Buffer): Promise<number> => {
  const [x, y] = await Promise.all(
    [a, b].map((image) => sharp(image).raw().toBuffer({ resolveWithObject: true })),
  );
  expect([y.info.width, y.info.height]).toEqual([x.info.width, x.info.height]);
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 3) {
    const d = Math.max(
      Math.abs(x.data[i] - y.data[i]),
      Math.abs(x.data[i + 1] - y.data[i + 1]),
      Math.abs(x.data[i + 2] - y.data[i + 2]),
    );
    if (d > 60) changed++;
  }
  return changed;
};

/**
 * The annotated image of a detection is drawn on the first GET of its URL, from the stored photo and boxes:
 * the URL opens (also after the app is re-created), concurrent first GETs share one drawing, and the upload of a
 * photo goes to no temp file.
 */
describe('tools annotated media, drawn on first open', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let uploads: TempDirectory;
  let operator: UserWithKey;
  let photo: Buffer;

  const boot = async (): Promise<TestApp> => {
    const app = await createTestApp({
      env: { STORAGE_LOCAL_DIR: storage.path, TOOLS_UPLOAD_DIR: uploads.path },
    });
    await inRequestContext(app.app, () => app.app.get(SeedRunner).runNamed('tools'));
    return app;
  };
  const detect = (image: Buffer) =>
    t.http
      .post('/api/v1/detections')
      .set('x-api-key', operator.key)
      .field('toolkit_id', '1')
      .attach('image', image, 'kit.jpg');
  const open = (url: string) => t.http.get(url).buffer(true).parse(binary);
  const nameOf = (url: string): string => url.replace('/api/v1/media/', '');

  beforeAll(async () => {
    storage = tempDirectory('tools-annotated-');
    uploads = tempDirectory('tools-annotated-uploads-');
    t = await boot();
    operator = await newUserWithKey(t, 'operator');
    photo = (await toolkitPhoto([...STANDARD_CLASSES], 21, { width: 640, height: 480 })).image;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await t.close();
    storage.remove();
    uploads.remove();
  });

  it('answers without drawing; the first GETs, concurrent, share one drawing of a JPEG with the boxes', async () => {
    const annotate = vi.spyOn(t.app.get(ToolDetector), 'annotate');
    const res = await detect(photo);
    expect(res.status).toBe(200);
    expect(res.body.items.every((item: { found: number }) => item.found === 1)).toBe(true);
    expect(annotate).not.toHaveBeenCalled();
    const name = nameOf(res.body.annotatedImageUrl);
    expect(await t.app.get(ObjectStorage).head(`tools/annotated/${name}`)).toBeNull();

    const responses = await Promise.all(
      Array.from({ length: 4 }, () => open(res.body.annotatedImageUrl)),
    );
    expect(annotate).toHaveBeenCalledTimes(1);
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('image/jpeg');
      expect(r.body).toEqual(responses[0].body);
    }
    const jpeg = responses[0].body as Buffer;
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await changedPixels(photo, jpeg)).toBeGreaterThan(2000);

    // Stored once drawn: a later GET serves it without drawing again.
    const again = await open(res.body.annotatedImageUrl);
    expect(again.body).toEqual(jpeg);
    expect(annotate).toHaveBeenCalledTimes(1);
  });

  it('keeps the URL of a repeat (cache hit), and the legacy image_url opens the same image', async () => {
    const first = await detect(photo);
    const repeat = await detect(photo);
    expect(repeat.body.cached).toBe(true);
    expect(repeat.body.annotatedImageUrl).toBe(first.body.annotatedImageUrl);
    const legacy = await t.http
      .post('/predict')
      .set('x-api-key', operator.key)
      .field('toolkit_id', '1')
      .attach('image', photo, 'kit.jpg');
    expect(legacy.status).toBe(200);
    const canonical = await open(`/api/v1/media/${legacy.body.image_url.replace('/media/', '')}`);
    const old = await open(legacy.body.image_url);
    expect(old.status).toBe(200);
    expect(old.body).toEqual(canonical.body);
  });

  it('writes no temp file for a photo, neither on a miss nor on a cache hit', async () => {
    const created: string[] = [];
    const watcher: FSWatcher = watch(uploads.path, (_event, file) => created.push(String(file)));
    try {
      const other = (await toolkitPhoto(['hammer', 'wrench'], 22, { width: 640, height: 480 }))
        .image;
      const miss = await detect(other);
      const hit = await detect(other);
      expect([miss.body.cached, hit.body.cached]).toEqual([false, true]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      watcher.close();
    }
    expect(created).toEqual([]);
  });

  it('keeps the photo of a check, and not the bytes of an upload refused as an image', async () => {
    const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
    const storage = t.app.get(ObjectStorage);
    expect((await detect(photo)).status).toBe(200);
    expect(await storage.head(`tools/photos/${sha256(photo)}`)).not.toBeNull();
    const junk = Buffer.from('\x89PNG\r\n\x1a\n but not really a PNG at all');
    const refused = await detect(junk);
    expect(refused.status).toBeGreaterThanOrEqual(415);
    expect(await storage.head(`tools/photos/${sha256(junk)}`)).toBeNull();
  });

  it('opens a URL handed out before the app was re-created, never opened before', async () => {
    const kit = (await toolkitPhoto(['pliers', 'tape_measure'], 23, { width: 640, height: 480 }))
      .image;
    const res = await detect(kit);
    expect(res.status).toBe(200);
    const url: string = res.body.annotatedImageUrl;
    await t.close();
    t = await boot();

    const opened = await open(url);
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toBe('image/jpeg');
    expect(await changedPixels(kit, opened.body as Buffer)).toBeGreaterThan(200);
  });
});
