import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config';
import { PinoNestLogger } from '../platform/logging/pino-nest-logger';
import { mountQueueDashboard } from '../tasks/dashboard/queue-dashboard';
import { installHttpPipeline } from './http-pipeline';
import { buildOpenApiDocument, mountSwaggerUi } from './openapi';

/**
 * Builds the Nest application for a role, with everything an HTTP process needs: the request pipeline (ids, logs,
 * CORS, body limits, lean hot routes), Swagger at /docs, the queue dashboard. Used by every entry point and the tests
 * (which may pass a root module that adds test controllers to the application's).
 */
export async function createApp(
  config: AppConfig,
  root: DynamicModule = AppModule.forRole(config),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
  app.enableShutdownHooks();
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  installHttpPipeline(app, config);
  if (config.servesHttpApi) {
    mountSwaggerUi(app, await buildOpenApiDocument(app));
    mountQueueDashboard(app, config.queues.dashboardPath);
  }
  return app;
}
