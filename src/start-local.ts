import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './bootstrap/create-app';
import { AppConfig, loadEnvironment } from './config';
import { checkServicesReachable, EmbeddedPostgresServer, LocalRedisServer } from './local';
import { SeedRunner } from './seeding/seed-runner';
import { apiKeyCodec } from './users/api-key-codec';

/**
 * `npm start`: the whole product on one machine with zero infrastructure. Without DATABASE_URL an embedded
 * PostgreSQL runs with its data in var/local/postgres; without REDIS_URL/REDIS_HOST a redis-server from PATH
 * runs with its data in var/local/redis. API and worker share this process; migrations and seeds run at start.
 * A second start reuses the data. Ctrl-C stops everything this process started.
 */
const LOCAL_DIR = join(process.cwd(), 'var', 'local');
const ADMIN_KEY_FILE = join(LOCAL_DIR, 'admin-api-key');
const log = (line: string): void => console.log(`[local] ${line}`);
const APP_STOP_MS = 3_000;
const SERVER_STOP_MS = 2_000;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

interface Stoppable {
  stop(): Promise<void>;
}

/** A secret kept in a 0600 file under var/local, made on the first start and reused afterwards. */
function persistentSecret(file: string, generate: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = generate();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Resolves with `promise`, or with undefined once `ms` have passed: no step of a shutdown waits forever. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ctrl-C in a terminal signals the whole process group; the servers run in groups of their own (see src/local),
 * so they are still there while the app closes its connections. Then they stop in reverse order of start:
 * app (API and worker) → redis-server → PostgreSQL, each step bounded. A second signal ends at once; the
 * servers' exit hooks still signal them.
 */
function stopOnSignals(
  started: Stoppable[],
  running: { app?: INestApplication },
): (signal: NodeJS.Signals) => void {
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping (press Ctrl-C again to exit at once)`);
    if (
      running.app &&
      !(await within(
        running.app.close().then(() => true),
        APP_STOP_MS,
      ))
    )
      log(`the API and worker did not stop within ${APP_STOP_MS} ms; stopping the servers anyway`);
    for (const server of [...started].reverse())
      await within(
        server.stop().catch(() => undefined),
        SERVER_STOP_MS,
      );
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals): void => void shutdown(signal);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return onSignal;
}

/**
 * The app's own shutdown hooks (enableShutdownHooks) close it and then raise the signal again, which would read
 * as a second Ctrl-C here; the launcher closes the app itself, in order, so those listeners go.
 */
function keepOnlyListener(listener: (signal: NodeJS.Signals) => void): void {
  for (const signal of SIGNALS)
    for (const other of process.listeners(signal))
      if (other !== listener) process.off(signal, other);
}

async function main(): Promise<void> {
  mkdirSync(LOCAL_DIR, { recursive: true, mode: 0o755 });
  const started: Stoppable[] = [];
  const running: { app?: INestApplication } = {};
  const onSignal = stopOnSignals(started, running);

  if (!process.env.DATABASE_URL) {
    const postgres = new EmbeddedPostgresServer({
      baseDir: join(LOCAL_DIR, 'postgres'),
      logger: log,
    });
    started.push(postgres);
    process.env.DATABASE_URL = (await postgres.start()).databaseUrl;
    process.env.DB_MIGRATE_ON_START ??= 'true';
  }
  if (!process.env.REDIS_URL && !process.env.REDIS_HOST) {
    const redis = new LocalRedisServer({ dataDir: join(LOCAL_DIR, 'redis'), logger: log });
    started.push(redis);
    process.env.REDIS_URL = (await redis.start()).redisUrl;
  }
  // A front end under development (Vite, Next, …) on any local port may call this API from the browser.
  process.env.CORS_ALLOW_LOCALHOST ??= 'true';
  process.env.FIRST_SUPERUSER_API_KEY ??= persistentSecret(ADMIN_KEY_FILE, () =>
    apiKeyCodec.generate(),
  );
  process.env.STORAGE_SIGNING_SECRET ??= persistentSecret(
    join(LOCAL_DIR, 'storage-signing-secret'),
    () => randomBytes(32).toString('hex'),
  );

  const config = new AppConfig(loadEnvironment(), 'all');
  await checkServicesReachable(config);
  const app = await createApp(config);
  keepOnlyListener(onSignal);
  running.app = app;
  await app.listen(config.http.port, config.http.host);
  await app
    .get(SeedRunner)
    .runAll({ demo: true }, (step) =>
      log(`seed ${step.name}: ${step.created} created, ${step.updated} updated`),
    );

  const base = config.http.publicUrl;
  log(`API            ${base}`);
  log(`Swagger UI     ${base}/docs`);
  log(`Dashboards     ${base}/ui/dashboards  (paste the admin API key)`);
  log(
    `Queue UI       ${base}${config.queues.dashboardPath}  (user ${config.superuser.username}, password: the admin API key)`,
  );
  log(
    process.env.FIRST_SUPERUSER_API_KEY && !existsSync(ADMIN_KEY_FILE)
      ? 'admin API key  from FIRST_SUPERUSER_API_KEY'
      : `admin API key  in ${ADMIN_KEY_FILE} (mode 0600): curl -H "x-api-key: $(cat var/local/admin-api-key)" ${base}/api/v1/users/me`,
  );
  if (started.length > 0)
    log('CLI            npm run cli -- --help  (finds the servers started here while this runs)');
  log('Ctrl-C stops the API, the worker and the servers started here');
}

// One message that says what failed and what to do; no stack trace (every error raised here explains itself).
main().catch((error: unknown) => {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
