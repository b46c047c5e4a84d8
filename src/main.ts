import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { runEntryPoint } from './bootstrap/run-entry-point';
import { AppConfig, loadEnvironment } from './config';

/** API process (PROCESS_ROLE=api, or `all` to run the workers in the same process for development). */
runEntryPoint(async () => {
  const env = loadEnvironment();
  const config = new AppConfig(env, env.PROCESS_ROLE === 'worker' ? 'api' : env.PROCESS_ROLE);
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  return app;
});
