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
import { HttpMetrics } from '../platform/metrics/http-metrics';
import { RATE_LIMIT_HEADERS, RateLimiter } from '../platform/rate-limit/rate-limiter';
import { classifiedRoutesOf, RouteClassTable } from '../platform/rate-limit/route-class-table';
import { securityHeaders } from '../platform/security-headers';
import { bodyParsers } from './body-parsers';
import { leanRoutes, serveLeanRoutesFirst } from './lean-routes';
import { pathMatchingOf } from './route-paths';
import type { NodeMiddleware } from './node-middleware';

/**
 * What every request passes, in order: request id, request metrics, request log, security headers (helmet), CORS
 * (BACKEND_CORS_ORIGINS, plus loopback origins under CORS_ALLOW_LOCALHOST; with credentials), the rate limiter (API
 * only, unless RATE_LIMIT_ENABLED=false), body parsers (size limit BODY_LIMIT; JSON nested at most MAX_JSON_DEPTH
 * levels, without NUL characters). Lean routes (hot paths) are taken by the HTTP server before Express and run the
 * same middlewares and parsers themselves; everything else goes through Express.
 */
export function installHttpPipeline(app: NestExpressApplication, config: AppConfig): void {
  const allowed = corsOriginPolicy(config.http.corsOrigins, config.http.corsAllowLocalhost);
  const limiting = config.servesHttpApi && config.rateLimits.enabled;
  const shared: NodeMiddleware[] = [
    assignRequestId,
    app.get(HttpMetrics).middleware,
    ...(config.log.httpRequests ? [requestLogging(app.get<Logger>(ROOT_LOGGER))] : []),
    securityHeaders(),
    cors({
      origin: (origin, callback) => callback(null, allowed(origin)),
      credentials: true,
      exposedHeaders: ['x-request-id', ...RATE_LIMIT_HEADERS, 'Retry-After'],
    }),
    ...(limiting
      ? [
          app
            .get(RateLimiter)
            .middleware(new RouteClassTable(classifiedRoutesOf(app), pathMatchingOf(app))),
        ]
      : []),
  ];
  const parsers = bodyParsers(config.http.bodyLimitBytes);
  if (config.servesHttpApi) {
    serveLeanRoutesFirst(app.getHttpServer() as Server, leanRoutes(app, shared, parsers));
  }
  for (const middleware of [...shared, ...parsers]) app.use(middleware);
  app.use(translateBodyParserErrors);
}
