import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

const QUIET_PREFIX = '/health/';
/** nginx's status for a request whose client went away before the response (its work may still complete). */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * One line per request (method, url, status, duration); health probes are not logged. A client that disconnects
 * before the response still gets its line, with status 499 "client closed request".
 */
export function requestLogging(logger: Logger) {
  return (
    req: IncomingMessage & { originalUrl?: string },
    res: ServerResponse,
    next: () => void,
  ): void => {
    const url = req.originalUrl ?? req.url ?? '';
    if (url.startsWith(QUIET_PREFIX)) return next();
    const started = process.hrtime.bigint();
    const line = (statusCode: number) => ({
      method: req.method,
      url,
      statusCode,
      responseTime: Number(process.hrtime.bigint() - started) / 1e6,
    });
    res.once('finish', () => {
      if (res.statusCode >= 500) logger.error(line(res.statusCode), 'request failed');
      else logger.info(line(res.statusCode), 'request completed');
    });
    res.once('close', () => {
      if (!res.writableFinished) logger.warn(line(CLIENT_CLOSED_REQUEST), 'client closed request');
    });
    next();
  };
}
