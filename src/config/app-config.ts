import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** A rate limit: at most `limit` requests per `windowMs`. */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

const WINDOW_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `600/1m` → 600 requests per 60 000 ms (the format is validated by the schema). */
export const rateLimitPolicyOf = (text: string): RateLimitPolicy => {
  const [limit, window] = text.split('/');
  const unit = window.slice(-1) as keyof typeof WINDOW_UNIT_MS;
  return { limit: Number(limit), windowMs: Number(window.slice(0, -1)) * WINDOW_UNIT_MS[unit] };
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
    /** Any http://localhost:<port> or http://127.0.0.1:<port> origin too (set by `npm start`, never in production). */
    corsAllowLocalhost: boolean;
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
  /**
   * `ttlSeconds`: Nest's Redis cache. `tableSeconds`/`tableEntries`: answers read from tables (list pages, toolkits)
   * kept in process, dropped at once when their tables change (src/platform/table-changes); 0 turns that cache off.
   */
  readonly cache: { ttlSeconds: number; tableSeconds: number; tableEntries: number };
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
  /** Per route class, counted per API key (per client address without one); auth failures per address. */
  readonly rateLimits: {
    enabled: boolean;
    default: RateLimitPolicy;
    inference: RateLimitPolicy;
    upload: RateLimitPolicy;
    authFailure: RateLimitPolicy;
    /** The last part of each limit (percent) in which every request waits for its count from Redis. */
    waitPercent: number;
  };
  /** GET /metrics: public without a token, else `Authorization: Bearer <token>`. */
  readonly metrics: { token?: string };
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
    /** Models whose ONNX Runtime sessions run in a worker thread of their own (off the event loop). */
    ownThreadModels: string[];
  };
  /**
   * Real metrics of the platform's own models: every process flushes its per-minute inference counts to Redis
   * every `flushMs`; a worker job on the cron `cron` (6 fields: seconds first) writes the closed minutes.
   */
  readonly platformMetrics: { cron: string; flushMs: number };
  /**
   * Dashboards: points per ingest request; how long a period-relative ("last 24h") query stays cached; the cron
   * (6 fields: seconds first) of the worker job that rolls up every dashboard's recent complete hours and days.
   */
  readonly dashboards: { maxBatch: number; openRangeCacheSeconds: number; rollupCron: string };
  /** Tool recognition: upload limits, the upload temp folder and the detection cache. */
  readonly tools: {
    maxBatchImages: number;
    maxImageBytes: number;
    maxRequestBytes: number;
    zipMaxEntries: number;
    zipMaxUncompressedBytes: number;
    uploadDir: string;
    cacheTtlSeconds: number;
  };
  /** The tool detector: image limits and its per-class score thresholds file. */
  readonly toolDetector: {
    maxPixels: number;
    classThresholdsFile: string;
    /** Class names by index for a model without `names` metadata. */
    classNames: string[];
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
      corsAllowLocalhost: env.CORS_ALLOW_LOCALHOST,
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
    this.cache = {
      ttlSeconds: env.CACHE_TTL_SECONDS,
      tableSeconds: env.TABLE_CACHE_SECONDS,
      tableEntries: env.TABLE_CACHE_ENTRIES,
    };
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
    this.rateLimits = {
      enabled: env.RATE_LIMIT_ENABLED,
      default: rateLimitPolicyOf(env.RATE_LIMIT_DEFAULT),
      inference: rateLimitPolicyOf(env.RATE_LIMIT_INFERENCE),
      upload: rateLimitPolicyOf(env.RATE_LIMIT_UPLOAD),
      authFailure: rateLimitPolicyOf(env.RATE_LIMIT_AUTH_FAILURE),
      waitPercent: env.RATE_LIMIT_WAIT_PERCENT,
    };
    this.metrics = { token: env.METRICS_TOKEN };
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
      ownThreadModels:
        env.INFERENCE_OWN_THREAD_MODELS === 'none'
          ? []
          : env.INFERENCE_OWN_THREAD_MODELS.split(','),
    };
    this.platformMetrics = {
      cron: env.PLATFORM_METRICS_CRON,
      flushMs: env.PLATFORM_METRICS_FLUSH_MS,
    };
    this.dashboards = {
      maxBatch: env.METRICS_MAX_BATCH,
      openRangeCacheSeconds: env.METRICS_OPEN_RANGE_CACHE_SECONDS,
      rollupCron: env.METRICS_ROLLUP_CRON,
    };
    this.tools = {
      maxBatchImages: env.TOOLS_MAX_BATCH_IMAGES,
      maxImageBytes: env.TOOLS_MAX_IMAGE_BYTES,
      maxRequestBytes: env.TOOLS_MAX_REQUEST_BYTES,
      zipMaxEntries: env.TOOLS_ZIP_MAX_ENTRIES,
      zipMaxUncompressedBytes: env.TOOLS_ZIP_MAX_UNCOMPRESSED_BYTES,
      uploadDir: resolve(env.TOOLS_UPLOAD_DIR ?? join(tmpdir(), 'ml-platform-tool-uploads')),
      cacheTtlSeconds: env.TOOLS_CACHE_TTL_SECONDS,
    };
    this.toolDetector = {
      maxPixels: env.TOOLS_MAX_PIXELS,
      // Relative to MODELS_DIR: the thresholds belong with the model files.
      classThresholdsFile: resolve(this.inference.modelsDir, env.TOOLS_CLASS_THRESHOLDS_FILE),
      classNames: (env.TOOLS_CLASS_NAMES ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
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
