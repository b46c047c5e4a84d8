import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * First middleware of every request: accepts a well-formed incoming x-request-id (from a gateway), otherwise
 * makes one; stores it on the request (pino and the error filter read it) and echoes it in the response.
 */
export function assignRequestId(req: WithId, res: ServerResponse, next: () => void): void {
  const incoming = req.headers['x-request-id'];
  req.id =
    typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', req.id);
  next();
}

export const requestIdOf = (req: IncomingMessage): string => (req as WithId).id ?? randomUUID();
