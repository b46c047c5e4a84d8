import type { EnvironmentVariables } from './environment.schema';

export type ProcessRole = 'api' | 'worker' | 'all' | 'cli';

export interface RedisConnectionSettings {
  host: string;
  port: number;
  password?: string;
  username?: string;
  db: number;
  tls: boolean;
}

const parseRedisUrl = (url: string): RedisConnectionSettings => {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:',
  };
};

const redisUrlOf = (s: RedisConnectionSettings): string => {
  const auth = s.password
    ? `${encodeURIComponent(s.username ?? '')}:${encodeURIComponent(s.password)}@`
    : '';
  return `${s.tls ? 'rediss' : 'redis'}://${auth}${s.host}:${s.port}/${s.db}`;
};

const bytesOf = (limit: string): number => {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) return 1024 * 1024;
  const unit = match[2].toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
};

/** Typed, grouped view of the validated environment. The only configuration object services inject. */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly role: ProcessRole;
  readonly http: {
    host: string;
    port: number;
    workerHealthPort: number;
    publicUrl: string;
    bodyLimitBytes: number;
    corsOrigins: string[];
  };
  readonly log: { level: EnvironmentVariables['LOG_LEVEL']; httpRequests: boolean };
  readonly database: {
    url: string;
    poolMin: number;
    poolMax: number;
    idleTimeoutMs: number;
    migrateOnStart: boolean;
    debug: boolean;
  };
  readonly redis: RedisConnectionSettings & { url: string; keyPrefix: string };
  readonly cache: { ttlSeconds: number };
  readonly queues: {
    attempts: number;
    backoffMs: number;
    keepCompleted: number;
    keepFailed: number;
    concurrency: number;
    dashboardPath: string;
    housekeepingCron: string;
    taskRetentionDays: number;
    revokedKeyRetentionDays: number;
  };
  readonly auth: { apiKeyCacheSeconds: number };
  readonly superuser: { username: string; email?: string; password?: string; apiKey?: string };

  constructor(env: EnvironmentVariables, role: ProcessRole = env.PROCESS_ROLE) {
    this.env = env.NODE_ENV;
    this.role = role;
    this.http = {
      host: env.HOST,
      port: env.PORT,
      workerHealthPort: env.WORKER_HEALTH_PORT,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
      bodyLimitBytes: bytesOf(env.BODY_LIMIT),
      corsOrigins: env.BACKEND_CORS_ORIGINS.split(',')
        .map((origin) => origin.trim().replace(/\/$/, ''))
        .filter(Boolean),
    };
    this.log = { level: env.LOG_LEVEL, httpRequests: env.LOG_HTTP_REQUESTS };
    this.database = {
      url: env.DATABASE_URL,
      poolMin: Math.min(2, env.DB_POOL_SIZE),
      poolMax: env.DB_POOL_SIZE + env.DB_MAX_OVERFLOW,
      idleTimeoutMs: env.DB_POOL_RECYCLE * 1000,
      migrateOnStart: role !== 'cli' && env.DB_MIGRATE_ON_START,
      debug: env.DB_DEBUG,
    };
    const redis = env.REDIS_URL
      ? parseRedisUrl(env.REDIS_URL)
      : {
          host: env.REDIS_HOST,
          port: env.REDIS_PORT,
          password: env.REDIS_PASSWORD,
          db: env.REDIS_DB,
          tls: false,
        };
    this.redis = { ...redis, url: redisUrlOf(redis), keyPrefix: env.REDIS_KEY_PREFIX };
    this.cache = { ttlSeconds: env.CACHE_TTL_SECONDS };
    this.queues = {
      attempts: env.QUEUE_DEFAULT_ATTEMPTS,
      backoffMs: env.QUEUE_BACKOFF_MS,
      keepCompleted: env.QUEUE_KEEP_COMPLETED,
      keepFailed: env.QUEUE_KEEP_FAILED,
      concurrency: env.QUEUE_CONCURRENCY,
      dashboardPath: env.QUEUE_DASHBOARD_PATH.replace(/\/$/, ''),
      housekeepingCron: env.HOUSEKEEPING_CRON,
      taskRetentionDays: env.TASK_RETENTION_DAYS,
      revokedKeyRetentionDays: env.REVOKED_KEY_RETENTION_DAYS,
    };
    this.auth = { apiKeyCacheSeconds: env.API_KEY_CACHE_SECONDS };
    this.superuser = {
      username: env.FIRST_SUPERUSER_USERNAME,
      email: env.FIRST_SUPERUSER_EMAIL,
      password: env.FIRST_SUPERUSER_PASSWORD,
      apiKey: env.FIRST_SUPERUSER_API_KEY,
    };
  }

  get servesHttpApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }

  get runsWorkers(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }
}
