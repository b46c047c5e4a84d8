import type { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { nestedTooDeep, nulCharacter } from './body-parser-errors';
import { MAX_JSON_DEPTH, nestsDeeperThan, nulCharacterPath } from './json-limits';

export const mediaTypeOf = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

export const isJsonMediaType = (mediaType: string): boolean =>
  mediaType === 'application/json' || mediaType.endsWith('+json');

/** Why a parsed body is refused: nested deeper than MAX_JSON_DEPTH levels, or holding a NUL character. */
function jsonLimitError(body: unknown): HttpException | undefined {
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return nestedTooDeep(MAX_JSON_DEPTH);
  const nulAt = nulCharacterPath(body);
  return nulAt === undefined ? undefined : nulCharacter(nulAt);
}

/** Middleware right after the body parsers: refuses a parsed body outside the JSON limits with a 400. */
export function enforceJsonLimits(req: Request, _res: Response, next: NextFunction): void {
  next(jsonLimitError(req.body));
}
