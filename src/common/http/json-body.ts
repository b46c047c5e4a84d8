import { type HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { bodyTooLarge, malformedJson, nestedTooDeep, nulCharacter } from './body-parser-errors';
import { MAX_JSON_DEPTH, nestsDeeperThan, nulCharacterPath } from './json-limits';

export const mediaTypeOf = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

export const isJsonMediaType = (mediaType: string): boolean =>
  mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * Reads and parses a JSON request body of at most `limit` bytes within the JSON limits, failing with the same
 * errors as the Express parsers.
 */
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
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      } catch (error) {
        reject(malformedJson((error as Error).message));
        return;
      }
      const problem = jsonLimitError(body);
      if (problem) reject(problem);
      else resolve(body);
    });
  });
}

/** Why a parsed body is refused: nested deeper than MAX_JSON_DEPTH levels, or holding a NUL character. */
function jsonLimitError(body: unknown): HttpException | undefined {
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return nestedTooDeep(MAX_JSON_DEPTH);
  const nulAt = nulCharacterPath(body);
  return nulAt === undefined ? undefined : nulCharacter(nulAt);
}

/** Express middleware after the body parsers: refuses a parsed body outside the JSON limits with a 400. */
export function enforceJsonLimits(req: Request, _res: Response, next: NextFunction): void {
  next(jsonLimitError(req.body));
}
