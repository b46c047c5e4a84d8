import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config';
import { ObjectKeys } from '../object-keys';
import { LocalObjectStorage } from './local-object-storage';
import { PresignedUrlSigner } from './presigned-url-signer';

const failingStream = (): Readable =>
  new Readable({
    read() {
      this.push(Buffer.alloc(1000, 1));
      this.destroy(new Error('client went away'));
    },
  });

describe('LocalObjectStorage', () => {
  let dir: string;
  let storage: LocalObjectStorage;
  const keys = new ObjectKeys();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlp-local-storage-'));
    const config = {
      http: { publicUrl: 'http://api.test' },
      storage: { urlExpiresSeconds: 3600, maxUploadBytes: 1000, local: { dir } },
    } as unknown as AppConfig;
    storage = new LocalObjectStorage(config, keys, new PresignedUrlSigner('x'.repeat(32)));
    await storage.onModuleInit();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps content under objects/ and its metadata in a sidecar, nothing in tmp/', async () => {
    await storage.put('area/one/file.txt', Buffer.from('abc'), { contentType: 'text/plain' });
    expect(await readdir(join(dir, 'objects', 'area', 'one'))).toEqual(['file.txt']);
    expect(await readdir(join(dir, 'metadata', 'area', 'one'))).toEqual(['file.txt.json']);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('leaves nothing behind when the body fails mid-way, and keeps the previous version', async () => {
    const key = 'area/two/file.bin';
    await storage.put(key, Buffer.from('previous'), { contentType: 'text/plain' });
    await expect(
      storage.put(key, failingStream(), { contentType: 'application/octet-stream' }),
    ).rejects.toThrow(/client went away/);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await storage.head(key)).toMatchObject({ size: 8, contentType: 'text/plain' });

    await expect(
      storage.put('area/three/new.bin', failingStream(), { contentType: 'text/plain' }),
    ).rejects.toThrow();
    expect(await storage.head('area/three/new.bin')).toBeNull();
    expect(await storage.list('area/three/')).toEqual([]);
  });

  it('refuses an invalid content type before writing anything', async () => {
    await expect(
      storage.put('area/x/y.txt', Buffer.from('x'), { contentType: 'text/plain\r\nX: 1' }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await readdir(join(dir, 'objects'))).toEqual([]);
  });

  it('prunes empty directories on delete', async () => {
    await storage.put('area/four/a.txt', Buffer.from('a'), { contentType: 'text/plain' });
    await storage.delete('area/four/a.txt');
    expect(await readdir(join(dir, 'objects'))).toEqual([]);
    expect(await readdir(join(dir, 'metadata'))).toEqual([]);
  });

  it('serves a file placed by hand as application/octet-stream', async () => {
    await storage.put('area/five/a.txt', Buffer.from('a'), { contentType: 'text/plain' });
    await writeFile(join(dir, 'objects', 'area', 'five', 'b.bin'), 'bytes');
    expect(await storage.head('area/five/b.bin')).toMatchObject({
      size: 5,
      contentType: 'application/octet-stream',
    });
  });

  it('removes abandoned temp files older than a day at start, and only those', async () => {
    const old = join(dir, 'tmp', 'old.part');
    const recent = join(dir, 'tmp', 'recent.part');
    await writeFile(old, 'x');
    await writeFile(recent, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    await storage.onModuleInit();
    expect(await readdir(join(dir, 'tmp'))).toEqual(['recent.part']);
  });

  it('signs URLs for the public API URL with the configured expiry', async () => {
    const url = await storage.presignPut('area/six/a.png', { contentType: 'image/png' });
    expect(url.url).toMatch(
      /^http:\/\/api\.test\/api\/v1\/storage\/objects\?key=area%2Fsix%2Fa\.png&/,
    );
    expect(url.expiresInSeconds).toBe(3600);
    expect(new URL(url.url).searchParams.get('maxBytes')).toBe('1000');
    await expect(
      storage.presignGet('area/six/a.png', { expiresInSeconds: 8 * 24 * 3600 }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('reports health: up while the directory is writable, down once it is gone', async () => {
    expect(await storage.checkHealth()).toMatchObject({ up: true });
    await rm(dir, { recursive: true, force: true });
    const health = await storage.checkHealth();
    expect(health.up).toBe(false);
    expect(health.details.message).toMatch(/not writable: ENOENT/);
  });
});
