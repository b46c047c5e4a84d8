import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './bootstrap/create-app';
import { AppConfig, ConfigValidationError, loadEnvironment } from './config';
import { EmbeddedPostgresServer, LocalRedisServer, RedisServerNotFoundError } from './local';
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

async function main(): Promise<void> {
  mkdirSync(LOCAL_DIR, { recursive: true, mode: 0o755 });
  const started: Stoppable[] = [];
  const running: { app?: INestApplication } = {};
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await running.app?.close().catch(() => undefined);
    for (const server of started.reverse()) await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (!process.env.DATABASE_URL) {
    const postgres = new EmbeddedPostgresServer({
      baseDir: join(LOCAL_DIR, 'postgres'),
      logger: log,
    });
    process.env.DATABASE_URL = (await postgres.start()).databaseUrl;
    started.push(postgres);
    process.env.DB_MIGRATE_ON_START ??= 'true';
  }
  if (!process.env.REDIS_URL && !process.env.REDIS_HOST) {
    const redis = new LocalRedisServer({ dataDir: join(LOCAL_DIR, 'redis'), logger: log });
    process.env.REDIS_URL = (await redis.start()).redisUrl;
    started.push(redis);
  }
  process.env.FIRST_SUPERUSER_API_KEY ??= persistentSecret(ADMIN_KEY_FILE, () =>
    apiKeyCodec.generate(),
  );
  process.env.STORAGE_SIGNING_SECRET ??= persistentSecret(
    join(LOCAL_DIR, 'storage-signing-secret'),
    () => randomBytes(32).toString('hex'),
  );

  const config = new AppConfig(loadEnvironment(), 'all');
  const app = await createApp(config);
  running.app = app;
  await app.listen(config.http.port, config.http.host);
  await app
    .get(SeedRunner)
    .runAll((step) => log(`seed ${step.name}: ${step.created} created, ${step.updated} updated`));

  const base = config.http.publicUrl;
  log(`API            ${base}`);
  log(`Swagger UI     ${base}/docs`);
  log(
    `Queue UI       ${base}${config.queues.dashboardPath}  (user ${config.superuser.username}, password: the admin API key)`,
  );
  log(
    process.env.FIRST_SUPERUSER_API_KEY && !existsSync(ADMIN_KEY_FILE)
      ? 'admin API key  from FIRST_SUPERUSER_API_KEY'
      : `admin API key  in ${ADMIN_KEY_FILE} (mode 0600): curl -H "x-api-key: $(cat var/local/admin-api-key)" ${base}/api/v1/users/me`,
  );
  log('Ctrl-C stops the API, the worker and the servers started here');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError || error instanceof RedisServerNotFoundError)
    console.error(error.message);
  else
    console.error(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  process.exit(1);
});
