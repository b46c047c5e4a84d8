import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContentDigest } from '../content-digest';

export interface SpooledBody {
  size: number;
  sha256: string;
  open(): Readable;
  remove(): Promise<void>;
}

/** Copies a stream of unknown length to a private temp file, measuring and hashing it on the way. */
export async function spoolToTempFile(body: Readable): Promise<SpooledBody> {
  const dir = await mkdtemp(join(tmpdir(), 'mlp-s3-upload-'));
  const path = join(dir, 'body');
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const digest = new ContentDigest();
    await pipeline(body, digest, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    return { size: digest.size, sha256: digest.sha256, open: () => createReadStream(path), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
