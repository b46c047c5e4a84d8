import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

const QUIET_PREFIX = '/health/';

/** One line per finished request (method, url, status, duration); health probes are not logged. */
export function requestLogging(logger: Logger) {
  return (
    req: IncomingMessage & { originalUrl?: string },
    res: ServerResponse,
    next: () => void,
  ): void => {
    const url = req.originalUrl ?? req.url ?? '';
    if (url.startsWith(QUIET_PREFIX)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        url,
        statusCode: res.statusCode,
        responseTime,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
