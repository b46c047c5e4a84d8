import type { NestExpressApplication } from '@nestjs/platform-express';
import cors from 'cors';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { translateBodyParserErrors } from '../common/http/body-parser-errors';
import { corsOriginPolicy } from '../common/http/cors-origins';
import { assignRequestId } from '../common/http/request-id';
import type { AppConfig } from '../config';
import { ROOT_LOGGER } from '../platform/logging/logging.module';
import { requestLogging } from '../platform/logging/request-logging';
import { bodyParsers } from './body-parsers';
import { leanRoutes, serveLeanRoutesFirst } from './lean-routes';
import type { NodeMiddleware } from './node-middleware';

/**
 * What every request passes, in order: request id, request log, CORS (BACKEND_CORS_ORIGINS, plus loopback origins under
 * CORS_ALLOW_LOCALHOST; with credentials),
 * body parsers (size limit BODY_LIMIT; JSON nested at most MAX_JSON_DEPTH levels, without NUL characters). Lean
 * routes (hot paths) are taken by the HTTP server before Express and run the same middlewares and parsers
 * themselves; everything else goes through Express.
 */
export function installHttpPipeline(app: NestExpressApplication, config: AppConfig): void {
  const allowed = corsOriginPolicy(config.http.corsOrigins, config.http.corsAllowLocalhost);
  const shared: NodeMiddleware[] = [
    assignRequestId,
    ...(config.log.httpRequests ? [requestLogging(app.get<Logger>(ROOT_LOGGER))] : []),
    cors({
      origin: (origin, callback) => callback(null, allowed(origin)),
      credentials: true,
      exposedHeaders: ['x-request-id'],
    }),
  ];
  const parsers = bodyParsers(config.http.bodyLimitBytes);
  if (config.servesHttpApi) {
    serveLeanRoutesFirst(app.getHttpServer() as Server, leanRoutes(app, shared, parsers));
  }
  for (const middleware of [...shared, ...parsers]) app.use(middleware);
  app.use(translateBodyParserErrors);
}
