import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { bodyTooLarge, malformedJson } from './body-parser-errors';

export const mediaTypeOf = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

export const isJsonMediaType = (mediaType: string): boolean =>
  mediaType === 'application/json' || mediaType.endsWith('+json');

/** Reads and parses a JSON request body of at most `limit` bytes, failing with the same errors as body-parser. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (!isJsonMediaType(mediaTypeOf(req))) {
    return Promise.reject(
      new UnsupportedMediaTypeException('Content-Type must be application/json'),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.once('error', reject);
    req.once('end', () => {
      if (size > limit) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString('utf8')));
      } catch (error) {
        reject(malformedJson((error as Error).message));
      }
    });
  });
}
