import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { translateBodyParserErrors } from '../common/http/body-parser-errors';
import { assignRequestId } from '../common/http/request-id';
import type { AppConfig } from '../config';
import type { IncomingMessage } from 'node:http';
import { LOCAL_OBJECTS_ROUTE } from '../storage/local/signed-object-url';

const mediaTypeOf = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
import { mountQueueDashboard } from '../tasks/dashboard/queue-dashboard';
import { buildOpenApiDocument, mountSwaggerUi } from './openapi';

/**
 * Builds the Nest application for a role, with everything an HTTP process needs: body limits, CORS from
 * BACKEND_CORS_ORIGINS, Swagger at /docs, the queue dashboard. Used by every entry point and by the tests.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  // Uploads through local signed URLs stream raw bytes to storage: the parsers leave those requests alone.
  const parses = (accepts: (mediaType: string) => boolean) => (req: IncomingMessage) =>
    !req.url?.startsWith(`/${LOCAL_OBJECTS_ROUTE}`) && accepts(mediaTypeOf(req));
  app.useBodyParser('json', {
    limit: config.http.bodyLimitBytes,
    type: parses((t) => t === 'application/json' || t.endsWith('+json')),
  });
  app.useBodyParser('urlencoded', {
    limit: config.http.bodyLimitBytes,
    extended: false,
    type: parses((t) => t === 'application/x-www-form-urlencoded'),
  });
  app.use(translateBodyParserErrors);

  const allowed = new Set(config.http.corsOrigins);
  app.enableCors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });

  if (config.servesHttpApi) {
    mountSwaggerUi(app, await buildOpenApiDocument(app));
    mountQueueDashboard(app, config.queues.dashboardPath);
  }
  return app;
}
