import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Request } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { HashingUploadStorage } from './hashing-upload-storage';

const dir = mkdtempSync(join(tmpdir(), 'hashing-upload-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Feeds `bytes` in 1000-byte chunks, as busboy would, and resolves with what the engine reported. */
const receive = (storage: HashingUploadStorage, req: Request, bytes: Buffer | Error) =>
  new Promise<{ buffer?: Buffer; path?: string; size: number; sha256: string }>(
    (resolve, reject) => {
      const stream =
        bytes instanceof Error
          ? new Readable({
              read() {
                this.push(Buffer.alloc(5000));
                this.destroy(bytes);
              },
            })
          : Readable.from(
              Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) =>
                bytes.subarray(i * 1000, (i + 1) * 1000),
              ),
            );
      const file: { stream: Readable; path?: string } = { stream };
      storage._handleFile(req, file, (error, info) =>
        error ? reject(error as Error) : resolve(info!),
      );
    },
  );

describe('HashingUploadStorage', () => {
  it('keeps files in memory while the request stays within its budget, then spills to disk', async () => {
    const storage = new HashingUploadStorage(dir, 10_000);
    const req = {} as Request;
    const first = Buffer.alloc(6000, 1);
    const second = Buffer.alloc(6000, 2);
    const held = await receive(storage, req, first);
    expect(held).toEqual({ size: 6000, sha256: sha256(first), buffer: first });
    const spilled = await receive(storage, req, second);
    expect(spilled).toMatchObject({ size: 6000, sha256: sha256(second) });
    expect(spilled.buffer).toBeUndefined();
    expect(readFileSync(spilled.path!)).toEqual(second);

    // Another request has its own budget.
    expect((await receive(storage, {} as Request, second)).buffer).toEqual(second);
    await new Promise((resolve) =>
      storage._removeFile(req, { stream: Readable.from([]), path: spilled.path }, resolve),
    );
    expect(existsSync(spilled.path!)).toBe(false);
  });

  it('removes its partial file when the upload fails midway', async () => {
    const spillDir = join(dir, 'failed');
    const storage = new HashingUploadStorage(spillDir, 0);
    await expect(receive(storage, {} as Request, new Error('cut off'))).rejects.toThrow('cut off');
    expect(readdirSync(spillDir)).toEqual([]);
  });
});
