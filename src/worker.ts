import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { runEntryPoint } from './bootstrap/run-entry-point';
import { logUnhandledRejections } from './bootstrap/unhandled-rejections';
import { AppConfig, loadEnvironment } from './config';

logUnhandledRejections();

/** Worker process: BullMQ processors; its only HTTP is /health/live and /health/ready on WORKER_HEALTH_PORT. */
runEntryPoint(async () => {
  const config = new AppConfig(loadEnvironment(), 'worker');
  const app = await createApp(config);
  await app.listen(config.http.workerHealthPort, config.http.host);
  return app;
});
