import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through unchanged while counting them and computing their SHA-256. */
export class ContentDigest extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  static of(buffer: Buffer): { size: number; sha256: string } {
    return { size: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
  }

  get size(): number {
    return this.bytes;
  }

  /** Hex digest; only meaningful once the stream has ended. */
  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }
}
