import type { NestExpressApplication } from '@nestjs/platform-express';
import cors from 'cors';
import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from 'pino';
import { translateBodyParserErrors } from '../common/http/body-parser-errors';
import { isJsonMediaType, mediaTypeOf, enforceJsonLimits } from '../common/http/json-body';
import { assignRequestId } from '../common/http/request-id';
import type { AppConfig } from '../config';
import { ROOT_LOGGER } from '../platform/logging/logging.module';
import { requestLogging } from '../platform/logging/request-logging';
import { LOCAL_OBJECTS_ROUTE } from '../storage/local/signed-object-url';
import { leanRoutes, serveLeanRoutesFirst, type NodeMiddleware } from './lean-routes';

/**
 * What every request passes, in order: request id, request log, CORS (only BACKEND_CORS_ORIGINS, with credentials),
 * body parsers (size limit BODY_LIMIT; JSON nested at most MAX_JSON_DEPTH levels, without NUL characters). Lean
 * routes (hot paths) are taken by the HTTP server before Express and run the same shared middlewares themselves;
 * everything else goes through Express.
 */
export function installHttpPipeline(app: NestExpressApplication, config: AppConfig): void {
  const allowed = new Set(config.http.corsOrigins);
  const shared: NodeMiddleware[] = [
    assignRequestId,
    ...(config.log.httpRequests ? [requestLogging(app.get<Logger>(ROOT_LOGGER))] : []),
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      exposedHeaders: ['x-request-id'],
    }),
  ];
  if (config.servesHttpApi) {
    serveLeanRoutesFirst(
      app.getHttpServer() as Server,
      leanRoutes(app, shared, config.http.bodyLimitBytes),
    );
  }
  for (const middleware of shared) app.use(middleware);

  // Uploads through local signed URLs stream raw bytes to storage: the parsers leave those requests alone.
  const parses = (accepts: (mediaType: string) => boolean) => (req: IncomingMessage) =>
    !req.url?.startsWith(`/${LOCAL_OBJECTS_ROUTE}`) && accepts(mediaTypeOf(req));
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes, type: parses(isJsonMediaType) });
  app.useBodyParser('urlencoded', {
    limit: config.http.bodyLimitBytes,
    extended: false,
    type: parses((t) => t === 'application/x-www-form-urlencoded'),
  });
  app.use(translateBodyParserErrors);
  app.use(enforceJsonLimits);
}
