import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { ObjectKeys } from '../src/storage/object-keys';
import { ObjectStorage, type PresignedUrl } from '../src/storage/object-storage';
import { pathOf } from './support/presigned';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/** The same URL with one query parameter replaced. */
const withParam = (url: string, name: string, value: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return pathOf(parsed.toString());
};

const expectErrorShape = (body: Record<string, unknown>, statusCode: number): void => {
  expect(body).toMatchObject({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
  });
  expect(body.requestId).toBeTruthy();
};

describe('local storage: signed URL routes', () => {
  let dir: string;
  let port: number;
  let t: TestApp;
  let storage: ObjectStorage;
  let keys: ObjectKeys;

  const filesUnder = async (sub: string): Promise<string[]> =>
    (await readdir(join(dir, sub), { recursive: true }).catch(() => [])) as string[];
  const tempFiles = () => filesUnder('tmp');

  const presignedUpload = (maxBytes = 1000, name = 'photo.png'): Promise<PresignedUrl> =>
    storage.presignPut(keys.generate('uploads', name), { contentType: 'image/png', maxBytes });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlp-storage-local-'));
    port = await findFreePort();
    t = await createTestApp({
      env: {
        STORAGE_DRIVER: 'local',
        STORAGE_LOCAL_DIR: dir,
        STORAGE_MAX_UPLOAD_BYTES: '5000',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
    await t.app.listen(port, '127.0.0.1');
    storage = t.app.get(ObjectStorage);
    keys = t.app.get(ObjectKeys);
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('points presigned URLs at the public API URL, key and signature in the query string', async () => {
    const upload = await presignedUpload();
    const url = new URL(upload.url);
    expect(url.origin).toBe(`http://127.0.0.1:${port}`);
    expect(url.pathname).toBe('/api/v1/storage/objects');
    expect(url.searchParams.get('key')).toMatch(/^uploads\/[0-9a-f-]{36}\/photo\.png$/);
    expect(url.searchParams.get('contentType')).toBe('image/png');
    expect(url.searchParams.get('maxBytes')).toBe('1000');
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies STORAGE_MAX_UPLOAD_BYTES when no limit is given', async () => {
    const upload = await storage.presignPut(keys.generate('uploads', 'x.png'), {
      contentType: 'image/png',
    });
    expect(new URL(upload.url).searchParams.get('maxBytes')).toBe('5000');
  });

  it('stores an upload and serves it with its type and length; HEAD sends headers only', async () => {
    const upload = await presignedUpload();
    const content = Buffer.alloc(700, 9);
    const put = await t.http
      .put(pathOf(upload.url))
      .set('Content-Type', 'image/png')
      .send(content)
      .expect(200);
    const key = new URL(upload.url).searchParams.get('key');
    expect(put.body).toMatchObject({ key, size: 700, contentType: 'image/png' });
    expect(put.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = await storage.presignGet(key!);
    const got = await t.http.get(pathOf(download.url)).buffer(true).expect(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-length']).toBe('700');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['etag']).toBe(`"${put.body.sha256}"`);
    expect(got.headers['content-disposition']).toBeUndefined();
    expect(Buffer.compare(got.body as Buffer, content)).toBe(0);

    const head = await fetch(download.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/png');
    expect(head.headers.get('content-length')).toBe('700');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('streams a large object to the client', async () => {
    const key = keys.generate('tests', 'large.bin');
    const content = Buffer.alloc(8 * 1024 * 1024, 3);
    await storage.put(key, content, { contentType: 'application/octet-stream' });
    const res = await fetch((await storage.presignGet(key)).url);
    expect(res.headers.get('content-length')).toBe(String(content.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  });

  it('answers 404 in the standard shape for a signed URL whose object is gone', async () => {
    const key = keys.generate('tests', 'never.txt');
    const res = await t.http.get(pathOf((await storage.presignGet(key)).url)).expect(404);
    expectErrorShape(res.body, 404);
  });

  describe('refuses altered URLs with 403 in the standard error shape', () => {
    let download: PresignedUrl;
    let upload: PresignedUrl;

    beforeAll(async () => {
      const key = keys.generate('tests', 'signed.txt');
      await storage.put(key, Buffer.from('secret'), { contentType: 'text/plain' });
      download = await storage.presignGet(key, { downloadName: 'signed.txt' });
      upload = await presignedUpload(100);
    });

    it.each([
      ['signature', (u: string) => withParam(u, 'signature', 'f'.repeat(64))],
      [
        'signature (one character)',
        (u: string) => {
          const s = new URL(u).searchParams.get('signature')!;
          return withParam(u, 'signature', (s[0] === 'a' ? 'b' : 'a') + s.slice(1));
        },
      ],
      ['signature (not hex)', (u: string) => withParam(u, 'signature', 'not-a-signature')],
      [
        'key',
        (u: string) => withParam(u, 'key', 'tests/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/other.txt'),
      ],
      ['expiry', (u: string) => withParam(u, 'expires', '4102444800')],
      ['file name', (u: string) => withParam(u, 'filename', 'evil.html')],
      ['traversal key', (u: string) => withParam(u, 'key', '../../../etc/passwd')],
      ['encoded traversal key', (u: string) => withParam(u, 'key', '..%2f..%2fetc%2fpasswd')],
      ['absolute key', (u: string) => withParam(u, 'key', '/etc/passwd')],
      ['NUL in key', (u: string) => withParam(u, 'key', 'tests/a\0b')],
    ])('GET with a tampered %s', async (_what, tamper) => {
      const res = await t.http.get(tamper(download.url)).expect(403);
      expectErrorShape(res.body, 403);
      expect(res.body.message).toMatch(/signature/i);
    });

    it.each([
      ['content type', 'contentType', 'text/html'],
      ['size limit', 'maxBytes', '100000000'],
      ['exact length', 'contentLength', '5'],
    ])('PUT with a tampered %s', async (_what, name, value) => {
      const res = await t.http
        .put(withParam(upload.url, name, value))
        .set('Content-Type', name === 'contentType' ? value : 'image/png')
        .send(Buffer.alloc(5))
        .expect(403);
      expectErrorShape(res.body, 403);
    });

    it('a download URL used to upload, and an upload URL used to download', async () => {
      const put = await t.http
        .put(pathOf(download.url))
        .set('Content-Type', 'text/plain')
        .send('overwrite')
        .expect(403);
      expect(put.body.message).toMatch(/signed for GET and HEAD, not PUT/);
      const get = await t.http.get(pathOf(upload.url)).expect(403);
      expect(get.body.message).toMatch(/signed for PUT, not GET or HEAD/);
      expect((await fetch(upload.url, { method: 'HEAD' })).status).toBe(403);
    });

    it('an expired URL', async () => {
      const key = new URL(download.url).searchParams.get('key')!;
      const short = await storage.presignGet(key, { expiresInSeconds: 1 });
      await t.http.get(pathOf(short.url)).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      const res = await t.http.get(pathOf(short.url)).expect(403);
      expectErrorShape(res.body, 403);
      expect(res.body.message).toMatch(/expired at/);
    });

    it('a URL missing its signature or key is a 400 naming the field', async () => {
      const url = new URL(download.url);
      url.searchParams.delete('signature');
      const res = await t.http.get(pathOf(url.toString())).expect(400);
      expect(res.body.message).toMatch(/signature/);
    });

    it('did not change the stored object', async () => {
      const res = await t.http.get(pathOf(download.url)).buffer(true).expect(200);
      expect(res.text ?? (res.body as Buffer).toString()).toBe('secret');
    });
  });

  describe('enforces what the upload URL binds', () => {
    it('refuses another Content-Type with 403', async () => {
      const upload = await presignedUpload();
      const res = await t.http
        .put(pathOf(upload.url))
        .set('Content-Type', 'text/html')
        .send('<script>alert(1)</script>')
        .expect(403);
      expect(res.body.message).toMatch(/Content-Type must be image\/png/);
    });

    it('refuses a declared Content-Length over the limit with 413 before reading', async () => {
      const upload = await presignedUpload(100);
      const res = await t.http
        .put(pathOf(upload.url))
        .set('Content-Type', 'image/png')
        .send(Buffer.alloc(101))
        .expect(413);
      expectErrorShape(res.body, 413);
      expect(await storage.head(new URL(upload.url).searchParams.get('key')!)).toBeNull();
    });

    it('stops a chunked upload one byte past the limit with 413, leaving nothing behind', async () => {
      const upload = await presignedUpload(100_000);
      const chunk = new Uint8Array(16 * 1024);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.length;
          if (sent > 200_000) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const res = await fetch(upload.url, {
        method: 'PUT',
        headers: { 'Content-Type': 'image/png' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { message: string }).message).toMatch(
        /exceeds the limit of 100000 bytes/,
      );
      expect(await storage.head(new URL(upload.url).searchParams.get('key')!)).toBeNull();
      await eventually(async () => ((await tempFiles()).length === 0 ? true : undefined));
    });

    it('accepts a chunked upload within the limit', async () => {
      const upload = await presignedUpload(100_000);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(30_000).fill(1));
          controller.enqueue(new Uint8Array(30_000).fill(2));
          controller.close();
        },
      });
      const res = await fetch(upload.url, {
        method: 'PUT',
        headers: { 'Content-Type': 'image/png' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { size: number }).size).toBe(60_000);
    });

    it('leaves nothing behind when the client disconnects mid-upload', async () => {
      const upload = await presignedUpload(100_000);
      const key = new URL(upload.url).searchParams.get('key')!;
      const url = new URL(upload.url);
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: 'PUT',
          headers: { 'Content-Type': 'image/png', 'Content-Length': '50000' },
        });
        req.on('error', () => resolve());
        req.write(Buffer.alloc(20_000), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 200);
        });
      });
      await eventually(async () => ((await tempFiles()).length === 0 ? true : undefined));
      expect(await storage.head(key)).toBeNull();
      expect((await filesUnder('objects')).filter((f) => f.endsWith('.png'))).not.toContain(
        key.split('/').slice(1).join('/'),
      );
    });

    it("stores a JSON upload byte for byte (the API's JSON parser leaves signed uploads alone)", async () => {
      const key = keys.generate('uploads', 'data.json');
      const upload = await storage.presignPut(key, { contentType: 'application/json' });
      const raw = '{ "a": 1,\n  "b": [true] }';
      await t.http
        .put(pathOf(upload.url))
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(200);
      const stored = await storage.get(key);
      const chunks: Buffer[] = [];
      for await (const chunk of stored.body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(raw);
      expect(stored.metadata.contentType).toBe('application/json');
    });
  });

  it('never writes outside the storage directory, whatever the query says', async () => {
    const before = await readdir(dir);
    for (const key of ['../outside.txt', '..%2foutside.txt', '/tmp/outside.txt']) {
      await t.http
        .put(
          `/api/v1/storage/objects?key=${encodeURIComponent(key)}&expires=4102444800&contentType=text%2Fplain&maxBytes=100&signature=${'0'.repeat(64)}`,
        )
        .set('Content-Type', 'text/plain')
        .send('x')
        .expect(403);
    }
    expect(await readdir(dir)).toEqual(before);
    expect((await readdir(join(dir, '..'))).filter((f) => f === 'outside.txt')).toEqual([]);
  });

  it('reports storage down when the directory is gone or not a directory, and up when it is back', async () => {
    await t.http.get('/health/ready').expect(200);
    const moved = `${dir}-moved`;
    await rm(moved, { recursive: true, force: true });
    await rename(dir, moved);
    await writeFile(dir, 'a file where the directory was');
    try {
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body.message).toMatch(/storage/);
      expect(res.body.details.details.storage).toMatchObject({
        status: 'down',
        driver: 'local',
        message: expect.stringMatching(/not writable/),
      });
    } finally {
      await rm(dir, { force: true });
      await rename(moved, dir);
    }
    await t.http.get('/health/ready').expect(200);
  });
});
