import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { requestContext } from '../../platform/logging/request-context';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * First middleware of every request: accepts a well-formed incoming x-request-id (from a gateway), otherwise
 * makes one; stores it on the request (the error filter reads it) and in the request context (every log line
 * carries it), and echoes it in the response.
 */
export function assignRequestId(req: WithId, res: ServerResponse, next: () => void): void {
  const incoming = req.headers['x-request-id'];
  const requestId =
    typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  req.id = requestId;
  res.setHeader('x-request-id', requestId);
  requestContext.run({ requestId }, next);
}
