import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { translateBodyParserErrors } from '../common/http/body-parser-errors';
import { assignRequestId } from '../common/http/request-id';
import type { AppConfig } from '../config';
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
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimitBytes, extended: false });
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
