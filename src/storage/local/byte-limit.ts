import { PayloadTooLargeException } from '@nestjs/common';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes at most `maxBytes` through; one byte more fails the stream with 413, whatever the client declared. */
export class ByteLimit extends Transform {
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new PayloadTooLargeException(`Upload exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    callback(null, chunk);
  }
}
