import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import {
  newUserWithKey,
  tempDirectory,
  type TempDirectory,
  type UserWithKey,
} from './support/fixtures';
import { discImage } from './support/images';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';
import { zipArchive } from './support/zip-archive';

/** Limits and safety of the detection uploads: sizes, pixels, ZIP bombs, temp files. */
describe('tools uploads: limits, ZIPs and temporary files', () => {
  let t: TestApp;
  let user: UserWithKey;
  let uploads: TempDirectory;
  let storage: TempDirectory;
  let png: Buffer;

  beforeAll(async () => {
    uploads = tempDirectory('tools-uploads-');
    storage = tempDirectory('tools-storage-');
    t = await createTestApp({
      env: {
        TOOLS_UPLOAD_DIR: uploads.path,
        STORAGE_LOCAL_DIR: storage.path,
        TOOLS_MAX_IMAGE_BYTES: String(200_000),
        TOOLS_MAX_REQUEST_BYTES: String(1_000_000),
        TOOLS_MAX_PIXELS: String(1_000_000),
        TOOLS_MAX_BATCH_IMAGES: '3',
        TOOLS_ZIP_MAX_ENTRIES: '6',
        TOOLS_ZIP_MAX_UNCOMPRESSED_BYTES: String(500_000),
      },
    });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    user = await newUserWithKey(t, 'viewer');
    png = await discImage(96, 64);
  });
  afterAll(async () => {
    await t.close();
    uploads.remove();
    storage.remove();
  });

  const leftovers = (): string[] => readdirSync(uploads.path);
  const post = (path: string) =>
    t.http.post(path).set('x-api-key', user.key).field('toolkit_id', '1');

  it('checks one image and leaves no temporary file', async () => {
    const res = await post('/api/v1/detections').attach('image', png, 'kit.png');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ filename: 'kit.png', toolkitNumber: 1, cached: false });
    expect(res.body.items).toHaveLength(11);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a missing file, a bad toolkit_id, an unknown toolkit and a bad confidence with 4xx', async () => {
    expect((await post('/api/v1/detections')).status).toBe(400);
    const badRef = await t.http
      .post('/api/v1/detections')
      .set('x-api-key', user.key)
      .field('toolkit_id', '../1')
      .attach('image', png, 'a.png');
    expect(badRef.status).toBe(400);
    expect(badRef.body.details[0].field).toBe('toolkit_id');
    const unknown = await t.http
      .post('/api/v1/detections')
      .set('x-api-key', user.key)
      .field('toolkit_id', '999')
      .attach('image', png, 'a.png');
    expect(unknown.status).toBe(404);
    for (const confidence of ['1.5', '-0.1', 'abc', '']) {
      const res = await post('/api/v1/detections')
        .field('confidence', confidence)
        .attach('image', png, 'a.png');
      expect(res.status, confidence).toBe(400);
    }
    expect(leftovers()).toEqual([]);
  });

  it('refuses an image over the byte limit, and over the pixel limit, with 413', async () => {
    const big = await post('/api/v1/detections').attach(
      'image',
      Buffer.alloc(250_000, 1),
      'big.png',
    );
    expect(big.status).toBe(413);
    const wide = await sharp({
      create: { width: 2000, height: 1000, channels: 3, background: '#808080' },
    })
      .png()
      .toBuffer();
    const pixels = await post('/api/v1/detections').attach('image', wide, 'wide.png');
    expect(pixels.status).toBe(413);
    expect(pixels.body.message).toMatch(/2000x1000/);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a request over the byte limit before reading it, and too many files', async () => {
    const declared = await t.http
      .post('/api/v1/detections/batch')
      .set('x-api-key', user.key)
      .set('content-type', 'multipart/form-data; boundary=x')
      .set('content-length', String(2_000_000))
      .send(Buffer.alloc(10));
    expect(declared.status).toBe(413);
    const many = post('/api/v1/detections/batch');
    for (let i = 0; i < 4; i++) many.attach('images', png, `${i}.png`);
    const res = await many;
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/At most 3/);
    expect(leftovers()).toEqual([]);
  });

  it('answers a batch with one corrupt image with an error entry for it', async () => {
    const res = await post('/api/v1/detections/batch')
      .attach('images', png, 'good.png')
      .attach('images', Buffer.from('\x89PNG\r\n\x1a\n this is not really a png'), 'broken.png')
      .attach('images', png, 'again.png');
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { filename: string }) => r.filename)).toEqual([
      'good.png',
      'broken.png',
      'again.png',
    ]);
    expect(res.body.results[0].items).toHaveLength(11);
    expect(res.body.results[1]).toEqual({ filename: 'broken.png', error: expect.any(String) });
    expect(res.body.results[2].cached).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('reads a ZIP safely: traversal names and non-images are error entries', async () => {
    const zip = zipArchive([
      { name: 'photos/', data: Buffer.alloc(0) },
      { name: 'photos/kit.png', data: png },
      { name: '../../etc/evil.png', data: png },
      { name: '/abs/evil.png', data: png },
      { name: 'notes.txt', data: Buffer.from('hello') },
    ]);
    const res = await post('/api/v1/detections/zip').attach('zip_file', zip, 'photos.zip');
    expect(res.status).toBe(200);
    const [kit, traversal, absolute, notes] = res.body.results;
    expect(res.body.results).toHaveLength(4);
    expect(kit).toMatchObject({ filename: 'photos/kit.png', complete: false });
    expect(traversal).toEqual({
      filename: '../../etc/evil.png',
      error: expect.stringMatching(/Unsafe/),
    });
    expect(absolute).toEqual({ filename: '/abs/evil.png', error: expect.stringMatching(/Unsafe/) });
    expect(notes).toEqual({
      filename: 'notes.txt',
      error: expect.stringMatching(/not a readable image/),
    });
    expect(leftovers()).toEqual([]);
  });

  it('stops a zip bomb early: huge entries are not inflated, lying headers are cut, totals are capped', async () => {
    const bomb = zipArchive([
      { name: 'huge.png', data: Buffer.alloc(20_000_000) },
      { name: 'liar.png', data: Buffer.alloc(20_000_000), declaredSize: 1000 },
      { name: 'kit.png', data: png },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const res = await post('/api/v1/detections/zip').attach('zip_file', bomb, 'bomb.zip');
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toEqual({
      filename: 'huge.png',
      error: expect.stringMatching(/20000000 bytes; the limit per image is 200000/),
    });
    expect(res.body.results[1]).toEqual({ filename: 'liar.png', error: expect.any(String) });
    expect(res.body.results[2].filename).toBe('kit.png');

    const many = zipArchive(
      Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, data: Buffer.alloc(150_000, i) })),
    );
    const total = await post('/api/v1/detections/zip').attach('zip_file', many, 'many.zip');
    expect(total.status).toBe(413);
    expect(total.body.message).toMatch(/inflates past 500000 bytes/);

    const entries = zipArchive(
      Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, data: png })),
    );
    const count = await post('/api/v1/detections/zip').attach('zip_file', entries, 'count.zip');
    expect(count.status).toBe(413);
    expect(count.body.message).toMatch(/7 entries; the limit is 6/);

    const notZip = await post('/api/v1/detections/zip').attach('zip_file', png, 'fake.zip');
    expect(notZip.status).toBe(400);
    expect(leftovers()).toEqual([]);
  });

  it('removes the partial file of a client that disconnects mid-upload', async () => {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const head =
        '--b\r\nContent-Disposition: form-data; name="toolkit_id"\r\n\r\n1\r\n' +
        '--b\r\nContent-Disposition: form-data; name="zip_file"; filename="a.zip"\r\n' +
        'Content-Type: application/zip\r\n\r\n';
      socket.write(
        `POST /api/v1/detections/zip HTTP/1.1\r\nHost: localhost\r\nx-api-key: ${user.key}\r\n` +
          'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 900000\r\n\r\n' +
          head,
      );
      // Past TOOLS_MAX_IMAGE_BYTES (held in memory), so the upload goes on to a temp file.
      socket.write(Buffer.alloc(300_000, 7));
      await eventually(async () => (leftovers().length > 0 ? true : undefined));
      socket.destroy();
      await eventually(async () => (leftovers().length === 0 ? true : undefined));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
