import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import type { UploadedToolFile } from './uploaded-tool-file';

type ReceivedFile = Omit<UploadedToolFile, 'originalname'>;

/** A file as multer hands it to a storage engine (multer ships no types). */
interface IncomingFile {
  stream: Readable;
  /** Set by the engine once the file is on disk, so multer can remove it when the request fails. */
  path?: string;
}

/**
 * A multer storage engine that hashes each file (SHA-256) as its bytes arrive and keeps it in memory while the
 * request's files stay within `memoryBytesPerRequest`; past that, the file goes on to disk in `dir` under a random
 * name (never the client's). So a single photo is never written to a temp file (the detector reads it whole
 * anyway) and a cache lookup needs neither a file nor a second pass over the bytes.
 */
export class HashingUploadStorage {
  /** Bytes held in memory so far, per request. */
  private readonly held = new WeakMap<Request, number>();

  constructor(
    private readonly dir: string,
    private readonly memoryBytesPerRequest: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  _handleFile(
    req: Request,
    file: IncomingFile,
    callback: (error: unknown, info?: ReceivedFile) => void,
  ): void {
    if (file.stream.destroyed) return callback(new Error('Upload stream already closed'));
    this.receive(req, file).then(
      (info) => callback(null, info),
      (error: unknown) => callback(error),
    );
  }

  _removeFile(_req: Request, file: IncomingFile, callback: (error: Error | null) => void): void {
    if (!file.path) return callback(null);
    rm(file.path, { force: true }).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  private async receive(req: Request, file: IncomingFile): Promise<ReceivedFile> {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let spill: FileHandle | undefined;
    let path: string | undefined;
    try {
      for await (const chunk of file.stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        if (!spill && (this.held.get(req) ?? 0) + size <= this.memoryBytesPerRequest) {
          chunks.push(chunk);
          continue;
        }
        if (!spill) {
          path = join(this.dir, randomBytes(16).toString('hex'));
          spill = await open(path, 'wx');
          // Known to multer from here on, so an aborted request removes it.
          file.path = path;
          for (const held of chunks) await spill.write(held);
          chunks.length = 0;
        }
        await spill.write(chunk);
      }
    } catch (error) {
      await spill?.close();
      if (path) await rm(path, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    if (spill && path) {
      await spill.close();
      return { size, sha256, path };
    }
    this.held.set(req, (this.held.get(req) ?? 0) + size);
    return { size, sha256, buffer: Buffer.concat(chunks, size) };
  }
}
