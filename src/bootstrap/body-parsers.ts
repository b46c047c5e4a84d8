import { json, urlencoded } from 'express';
import type { IncomingMessage } from 'node:http';
import { enforceJsonLimits, isJsonMediaType, mediaTypeOf } from '../common/http/json-body';
import { LOCAL_OBJECTS_ROUTE } from '../storage/local/signed-object-url';
import type { NodeMiddleware } from './node-middleware';

/**
 * The request body parsers, built once and used by Express and by lean routes alike (so both accept and refuse
 * the same bodies with the same errors): JSON (`application/json`, `*+json`) and URL-encoded forms, up to
 * `limit` bytes, then the JSON limits (depth, NUL characters). Uploads through local signed URLs stream raw bytes to storage: the parsers leave those alone.
 */
export function bodyParsers(limit: number): NodeMiddleware[] {
  const parses = (accepts: (mediaType: string) => boolean) => (req: IncomingMessage) =>
    !req.url?.startsWith(`/${LOCAL_OBJECTS_ROUTE}`) && accepts(mediaTypeOf(req));
  return [
    json({ limit, type: parses(isJsonMediaType) }),
    urlencoded({
      limit,
      extended: false,
      type: parses((t) => t === 'application/x-www-form-urlencoded'),
    }),
    enforceJsonLimits as NodeMiddleware,
  ];
}
