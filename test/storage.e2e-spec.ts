import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { ObjectKeys } from '../src/storage/object-keys';
import { ObjectStorage } from '../src/storage/object-storage';
import { InvalidObjectKeyError, ObjectNotFoundError } from '../src/storage/storage.errors';
import { startS3rver, type TestS3Server } from './support/s3rver';
import { createTestApp, type TestApp } from './support/test-app';

interface DriverUnderTest {
  driver: 'local' | 's3';
  /** Env overrides for the app and a cleanup for what the driver needed. */
  setUp(): Promise<{ env: Record<string, string>; tearDown(): Promise<void> }>;
}

const DRIVERS: DriverUnderTest[] = [
  {
    driver: 'local',
    setUp: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mlp-storage-'));
      return {
        env: { STORAGE_DRIVER: 'local', STORAGE_LOCAL_DIR: dir },
        tearDown: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    driver: 's3',
    setUp: async () => {
      const s3: TestS3Server = await startS3rver();
      return { env: s3.env, tearDown: () => s3.dispose() };
    },
  },
];

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const text = async (body: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DRIVERS)('object storage, $driver driver', ({ driver, setUp }) => {
  let t: TestApp;
  let storage: ObjectStorage;
  let keys: ObjectKeys;
  let tearDown: () => Promise<void>;

  beforeAll(async () => {
    const port = await findFreePort();
    const setup = await setUp();
    tearDown = setup.tearDown;
    // Listening on a real port lets the tests follow presigned URLs with plain fetch, as a client would.
    t = await createTestApp({ env: { ...setup.env, PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await t.app.listen(port, '127.0.0.1');
    storage = t.app.get(ObjectStorage);
    keys = t.app.get(ObjectKeys);
  });
  afterAll(async () => {
    await t?.close();
    await tearDown?.();
  });

  it(`is the ${driver} driver and reports storage ready`, async () => {
    expect(storage.constructor.name.toLowerCase()).toContain(driver);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info.storage).toMatchObject({ status: 'up', driver });
  });

  it('puts a buffer and gets back the same bytes and metadata', async () => {
    const key = keys.generate('tests', 'hello.txt');
    const content = Buffer.from('hello, storage');
    const put = await storage.put(key, content, { contentType: 'Text/Plain' });
    expect(put).toMatchObject({
      key,
      size: content.length,
      contentType: 'text/plain',
      sha256: sha256(content),
    });
    expect(put.etag).toBeTruthy();
    expect(put.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const head = await storage.head(key);
    expect(head).toEqual(put);
    const { metadata, body } = await storage.get(key);
    expect(metadata).toEqual(put);
    expect(await text(body)).toEqual(content);
  });

  it('puts a stream of unknown length and records its size and SHA-256', async () => {
    const key = keys.generate('tests', 'stream.bin');
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const content = Buffer.concat(chunks);
    const put = await storage.put(key, Readable.from(chunks), {
      contentType: 'application/octet-stream',
    });
    expect(put).toMatchObject({ size: content.length, sha256: sha256(content) });
    expect(sha256(await text((await storage.get(key)).body))).toBe(sha256(content));
  });

  it('overwrites an object whole', async () => {
    const key = keys.generate('tests', 'over.txt');
    await storage.put(key, Buffer.from('first version'), { contentType: 'text/plain' });
    await storage.put(key, Buffer.from('v2'), { contentType: 'text/csv' });
    expect(await storage.head(key)).toMatchObject({ size: 2, contentType: 'text/csv' });
    expect((await text((await storage.get(key)).body)).toString()).toBe('v2');
  });

  it('answers a missing object with null from head and 404 from get', async () => {
    const key = keys.generate('tests', 'missing.txt');
    expect(await storage.head(key)).toBeNull();
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.get(key)).rejects.toMatchObject({ status: 404 });
  });

  it('deletes, and deleting again is not an error', async () => {
    const key = keys.generate('tests', 'gone.txt');
    await storage.put(key, Buffer.from('x'), { contentType: 'text/plain' });
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('lists by prefix, sorted, with sizes', async () => {
    const area = `list/${keys.generate('x', 'y').split('/')[1]}`;
    const inside = ['b.txt', 'a.txt', 'sub/c.txt'].map((name) => `${area}/${name}`);
    for (const [i, key] of inside.entries()) {
      await storage.put(key, Buffer.alloc(i + 1), { contentType: 'text/plain' });
    }
    await storage.put(`${area}-sibling/z.txt`, Buffer.from('z'), { contentType: 'text/plain' });

    const listed = await storage.list(`${area}/`);
    expect(listed.map((o) => [o.key, o.size])).toEqual([
      [`${area}/a.txt`, 2],
      [`${area}/b.txt`, 1],
      [`${area}/sub/c.txt`, 3],
    ]);
    expect(listed[0].lastModified).toBeInstanceOf(Date);
    expect((await storage.list(`${area}/s`)).map((o) => o.key)).toEqual([`${area}/sub/c.txt`]);
    expect((await storage.list(area)).map((o) => o.key)).toContain(`${area}-sibling/z.txt`);
    expect(await storage.list(`${area}/nothing-here/`)).toEqual([]);
  });

  it.each([
    ['a parent segment', 'tests/../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a NUL byte', 'tests/a\0b'],
    ['an encoded traversal', 'tests/%2e%2e/%2e%2e/etc/passwd'],
    ['a backslash traversal', 'tests\\..\\..\\secret'],
  ])('refuses a key with %s in every operation', async (_what, key) => {
    const refused = expect.any(InvalidObjectKeyError);
    await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toEqual(
      refused,
    );
    await expect(storage.get(key)).rejects.toEqual(refused);
    await expect(storage.head(key)).rejects.toEqual(refused);
    await expect(storage.delete(key)).rejects.toEqual(refused);
    await expect(storage.presignGet(key)).rejects.toEqual(refused);
    await expect(storage.presignPut(key, { contentType: 'text/plain' })).rejects.toEqual(refused);
    await expect(storage.list(key.endsWith('/') ? key : `${key}/`)).rejects.toEqual(refused);
  });

  it('uploads through a presigned PUT and downloads through a presigned GET, over plain HTTP', async () => {
    const key = keys.generate('uploads', 'photo.png');
    const content = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes');
    const upload = await storage.presignPut(key, { contentType: 'image/png', maxBytes: 1024 });
    expect(upload).toMatchObject({
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      expiresInSeconds: 3600,
    });
    expect(upload.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3590_000);

    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: content });
    expect(put.status, await put.clone().text()).toBe(200);
    expect(await storage.head(key)).toMatchObject({
      size: content.length,
      contentType: 'image/png',
    });

    const download = await storage.presignGet(key, { downloadName: 'My photo.png' });
    expect(download).toMatchObject({ method: 'GET', expiresInSeconds: 3600 });
    const got = await fetch(download.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-length')).toBe(String(content.length));
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="My-photo.png"');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(content);
  });

  it('binds an exact Content-Length into a presigned PUT when one is declared', async () => {
    const key = keys.generate('uploads', 'exact.bin');
    const content = Buffer.alloc(300, 7);
    const upload = await storage.presignPut(key, {
      contentType: 'application/octet-stream',
      maxBytes: 1000,
      contentLength: content.length,
    });
    expect(upload.headers).toEqual({
      'Content-Type': 'application/octet-stream',
      'Content-Length': '300',
    });
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: content });
    expect(put.status).toBe(200);
    expect((await storage.head(key))?.size).toBe(300);
  });

  it('refuses to presign an upload declared larger than its limit', async () => {
    const key = keys.generate('uploads', 'big.bin');
    await expect(
      storage.presignPut(key, { contentType: 'image/png', maxBytes: 100, contentLength: 101 }),
    ).rejects.toMatchObject({ status: 413 });
  });

  it('uses the configured default expiry and honours a shorter one', async () => {
    const key = keys.generate('tests', 'expiring.txt');
    await storage.put(key, Buffer.from('soon gone'), { contentType: 'text/plain' });
    const short = await storage.presignGet(key, { expiresInSeconds: 1 });
    expect(short.expiresInSeconds).toBe(1);
    expect((await fetch(short.url)).status).toBe(200);

    await sleep(2_200);
    const expired = await fetch(short.url);
    expect(expired.status).toBe(403);
    const upload = await storage.presignPut(keys.generate('tests', 'late.txt'), {
      contentType: 'text/plain',
      expiresInSeconds: 1,
    });
    await sleep(2_200);
    const late = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: 'too late',
    });
    expect(late.status).toBe(403);
  });
});
