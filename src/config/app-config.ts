import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { APP_ROOT } from './app-root';
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

/** MINIO_ENDPOINT in the old services' style (`minio:9000` plus MINIO_SECURE) or as a full URL. */
const endpointUrl = (endpoint: string, secure: boolean): string =>
  (/^https?:\/\//.test(endpoint) ? endpoint : `${secure ? 'https' : 'http'}://${endpoint}`).replace(
    /\/$/,
    '',
  );

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
    /** Attempts of a job failing for an unknown reason (data errors fail at once). */
    attempts: number;
    /** Attempts of a job failing because the database, Redis or the network is down (BullMQ's `attempts`). */
    transientAttempts: number;
    /** Retry delays: `backoffMs` doubled after each attempt, at most `backoffMaxMs`. */
    backoffMs: number;
    backoffMaxMs: number;
    keepCompleted: number;
    keepFailed: number;
    concurrency: number;
    /** How long a worker's lock on a running job lasts without renewal; a dead worker's jobs stall after it. */
    lockDurationMs: number;
    /** How often each worker looks for stalled jobs (lock expired) and puts them back in the queue. */
    stalledIntervalMs: number;
    /** Stalls a job survives; one more fails it. */
    maxStalledCount: number;
    /** How long adding a job (or reading queue state) may wait for Redis before the request gets a 503. */
    enqueueTimeoutMs: number;
    dashboardPath: string;
    housekeepingCron: string;
    taskRetentionDays: number;
    revokedKeyRetentionDays: number;
  };
  readonly auth: { apiKeyCacheSeconds: number };
  readonly tasks: {
    /** How often a worker compares open task records with BullMQ (0: only at start). */
    reconcileIntervalMs: number;
    /** Records changed more recently than this are left to their running job. */
    reconcileGraceMs: number;
    /** Cap of the backoff between retries of a task write the database refused. */
    writeRetryMaxMs: number;
  };
  readonly storage: {
    driver: 'local' | 's3';
    urlExpiresSeconds: number;
    maxUploadBytes: number;
    local: { dir: string; signingSecret: string };
    s3: {
      endpoint: string;
      publicEndpoint: string;
      accessKey: string;
      secretKey: string;
      bucket: string;
      region: string;
      createBucket: boolean;
    };
  };
  /** Webhooks are signed with `secret`; without one, jobs cannot ask for a webhook. */
  readonly webhooks: {
    secret?: string;
    timeoutMs: number;
    /** Webhooks may go to loopback and private addresses (development, tests, trusted networks). */
    allowPrivateNetworks: boolean;
  };
  readonly inference: {
    modelsDir: string;
    intraOpThreads: number;
    interOpThreads: number;
    microBatch: { enabled: boolean; windowMs: number; maxBatch: number };
  };
  /** House-price models: dataset limits, when predictions become a task, the prediction cache. */
  readonly realty: {
    maxUploadBytes: number;
    maxRows: number;
    /** Predictions with more rows than this run as a task. */
    syncPredictionRows: number;
    maxPredictionRows: number;
    /** How long `async=false` waits for a training run. */
    syncWaitMs: number;
    /** 0 disables the prediction cache. */
    predictionCacheSeconds: number;
  };
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
      transientAttempts: Math.max(env.QUEUE_TRANSIENT_ATTEMPTS, env.QUEUE_DEFAULT_ATTEMPTS),
      backoffMs: env.QUEUE_BACKOFF_MS,
      backoffMaxMs: Math.max(env.QUEUE_BACKOFF_MAX_MS, env.QUEUE_BACKOFF_MS),
      keepCompleted: env.QUEUE_KEEP_COMPLETED,
      keepFailed: env.QUEUE_KEEP_FAILED,
      concurrency: env.QUEUE_CONCURRENCY,
      lockDurationMs: env.QUEUE_LOCK_DURATION_MS,
      stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS,
      maxStalledCount: env.QUEUE_MAX_STALLED_COUNT,
      enqueueTimeoutMs: env.QUEUE_ENQUEUE_TIMEOUT_MS,
      dashboardPath: env.QUEUE_DASHBOARD_PATH.replace(/\/$/, ''),
      housekeepingCron: env.HOUSEKEEPING_CRON,
      taskRetentionDays: env.TASK_RETENTION_DAYS,
      revokedKeyRetentionDays: env.REVOKED_KEY_RETENTION_DAYS,
    };
    this.auth = { apiKeyCacheSeconds: env.API_KEY_CACHE_SECONDS };
    this.tasks = {
      reconcileIntervalMs: env.TASK_RECONCILE_INTERVAL_MS,
      reconcileGraceMs: env.TASK_RECONCILE_GRACE_MS,
      writeRetryMaxMs: env.TASK_WRITE_RETRY_MAX_MS,
    };
    const s3Endpoint = endpointUrl(env.MINIO_ENDPOINT ?? 'localhost:9000', env.MINIO_SECURE);
    this.storage = {
      driver: env.STORAGE_DRIVER,
      urlExpiresSeconds: env.STORAGE_URL_EXPIRES_SECONDS,
      maxUploadBytes: env.STORAGE_MAX_UPLOAD_BYTES,
      local: {
        dir: resolve(env.STORAGE_LOCAL_DIR),
        // Outside production a missing secret gets a per-process one: signed URLs then work within that process.
        signingSecret: env.STORAGE_SIGNING_SECRET ?? randomBytes(32).toString('hex'),
      },
      s3: {
        endpoint: s3Endpoint,
        publicEndpoint: (env.MINIO_PUBLIC_ENDPOINT ?? s3Endpoint).replace(/\/$/, ''),
        accessKey: env.MINIO_ACCESS_KEY ?? '',
        secretKey: env.MINIO_SECRET_KEY ?? '',
        bucket: env.MINIO_BUCKET,
        region: env.MINIO_REGION,
        createBucket: env.STORAGE_CREATE_BUCKET,
      },
    };
    this.webhooks = {
      secret: env.WEBHOOK_SECRET,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    };
    this.inference = {
      // Shipped models belong to the application, so a relative MODELS_DIR is taken from its root, not the cwd.
      modelsDir: resolve(APP_ROOT, env.MODELS_DIR),
      intraOpThreads: env.ORT_INTRA_OP_THREADS,
      interOpThreads: env.ORT_INTER_OP_THREADS,
      microBatch: {
        enabled: env.INFERENCE_MICRO_BATCH,
        windowMs: env.INFERENCE_MICRO_BATCH_WINDOW_MS,
        maxBatch: env.INFERENCE_MICRO_BATCH_MAX,
      },
    };
    this.realty = {
      maxUploadBytes: env.REALTY_MAX_UPLOAD_BYTES,
      maxRows: env.REALTY_MAX_ROWS,
      syncPredictionRows: env.REALTY_SYNC_PREDICTION_ROWS,
      maxPredictionRows: env.REALTY_MAX_PREDICTION_ROWS,
      syncWaitMs: env.REALTY_SYNC_WAIT_MS,
      predictionCacheSeconds: env.REALTY_PREDICTION_CACHE_SECONDS,
    };
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
