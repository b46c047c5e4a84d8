import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const QUIET_PREFIX = '/health/';

/** One line per finished request (method, url, status, duration); health probes are not logged. */
export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.url.startsWith(QUIET_PREFIX)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        url: req.originalUrl,
        statusCode: res.statusCode,
        responseTime,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
