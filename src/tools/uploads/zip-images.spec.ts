import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipArchive, type ZipEntrySpec } from '../../../test/support/zip-archive';
import { isSafeEntryName, readZipImages, ZipRefusedError, type ZipItem } from './zip-images';

const dir = mkdtempSync(join(tmpdir(), 'zip-images-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const limits = { maxEntries: 10, maxUncompressedBytes: 1_000_000, maxEntryBytes: 100_000 };

const read = async (entries: ZipEntrySpec[] | Buffer, overrides = {}): Promise<ZipItem[]> => {
  const path = join(dir, `${++files}.zip`);
  writeFileSync(path, Array.isArray(entries) ? zipArchive(entries) : entries);
  const items: ZipItem[] = [];
  for await (const item of readZipImages(path, { ...limits, ...overrides })) items.push(item);
  return items;
};

describe('readZipImages', () => {
  it('yields each file with its bytes, skipping directories', async () => {
    const items = await read([
      { name: 'photos/', data: Buffer.alloc(0) },
      { name: 'photos/a.jpg', data: Buffer.from('first') },
      { name: 'b.png', data: Buffer.from('second') },
    ]);
    expect(items).toEqual([
      { filename: 'photos/a.jpg', bytes: Buffer.from('first') },
      { filename: 'b.png', bytes: Buffer.from('second') },
    ]);
  });

  it('reports unsafe names as error items and goes on', async () => {
    const items = await read([
      { name: '../../etc/passwd', data: Buffer.from('x') },
      { name: '/abs.jpg', data: Buffer.from('x') },
      { name: 'ok.jpg', data: Buffer.from('fine') },
    ]);
    expect(items.map((i) => ('error' in i ? `error:${i.filename}` : i.filename))).toEqual([
      'error:../../etc/passwd',
      'error:/abs.jpg',
      'ok.jpg',
    ]);
  });

  it('does not inflate an entry declared over the per-image limit', async () => {
    const items = await read([{ name: 'big.jpg', data: Buffer.alloc(200_000) }]);
    expect(items[0]).toMatchObject({
      filename: 'big.jpg',
      error: expect.stringContaining('200000'),
    });
  });

  it('stops an entry whose header understates its size', async () => {
    const items = await read([
      { name: 'liar.jpg', data: Buffer.alloc(5_000_000), declaredSize: 10 },
      { name: 'next.jpg', data: Buffer.from('after') },
    ]);
    expect(items[0]).toMatchObject({ filename: 'liar.jpg', error: expect.any(String) });
    expect(items[1]).toEqual({ filename: 'next.jpg', bytes: Buffer.from('after') });
  });

  it('refuses an archive with too many entries before reading any', async () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({
      name: `${i}.jpg`,
      data: Buffer.from('x'),
    }));
    await expect(read(entries, { maxEntries: 3 })).rejects.toBeInstanceOf(ZipRefusedError);
  });

  it('stops once the total would pass the uncompressed limit', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      name: `${i}.jpg`,
      data: Buffer.alloc(90_000),
    }));
    await expect(read(entries, { maxUncompressedBytes: 200_000 })).rejects.toThrow(/inflates past/);
  });

  it('refuses what is not a ZIP', async () => {
    await expect(read(Buffer.from('not a zip at all'))).rejects.toThrow(/not a readable ZIP/);
  });

  it('recognises unsafe names', () => {
    expect(['a.jpg', 'x/y.jpg', '..a.jpg'].every(isSafeEntryName)).toBe(true);
    expect(['../a', 'a/../../b', '/a', 'C:/a', 'a\\b', ''].some(isSafeEntryName)).toBe(false);
  });
});
