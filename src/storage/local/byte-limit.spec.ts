import { PayloadTooLargeException } from '@nestjs/common';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ByteLimit } from './byte-limit';

const collect = async (chunks: Buffer[], limit: number): Promise<Buffer> => {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    new ByteLimit(limit),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
};

describe('ByteLimit', () => {
  it('passes a body of exactly the limit through unchanged', async () => {
    const chunks = [Buffer.alloc(4, 1), Buffer.alloc(6, 2)];
    expect(await collect(chunks, 10)).toEqual(Buffer.concat(chunks));
  });

  it('fails with 413 one byte past the limit, across chunks', async () => {
    await expect(collect([Buffer.alloc(6), Buffer.alloc(5)], 10)).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    await expect(collect([Buffer.alloc(11)], 10)).rejects.toThrow(/limit of 10 bytes/);
  });
});
