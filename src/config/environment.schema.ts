import { SSL_MODES } from '@app/database/connection-tls';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off', ''].includes(lowered)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** `<requests>/<window>`, the window in seconds, minutes or hours: `600/1m`, `20/10m`, `5/30s`. */
export const RATE_LIMIT_PATTERN = /^[1-9]\d{0,8}\/[1-9]\d{0,5}[smh]$/;
const rateLimitMessage = (name: string): string =>
  `${name} must look like 600/1m (requests per window; window in s, m or h)`;

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A URL without `sslmode`, or with one the driver settings know (libs/database connection-tls). */
const KNOWN_SSLMODE = new RegExp(`^(?!.*[?&]sslmode=(?!(${SSL_MODES.join('|')})(&|$)))`);

/**
 * Every environment variable the platform reads. Validated once at boot; nothing else reads process.env.
 * Names of the replaced services are kept where they existed (DATABASE_URL, REDIS_*, MINIO_*, FIRST_SUPERUSER_*).
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test']) @IsOptional() NODE_ENV:
    'development' | 'production' | 'test' = 'development';
  @IsIn(PROCESS_ROLES) @IsOptional() PROCESS_ROLE: (typeof PROCESS_ROLES)[number] = 'api';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535) @IsOptional() PORT = 3000;
  @IsString() @IsOptional() HOST = '0.0.0.0';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) @IsOptional() WORKER_HEALTH_PORT = 3001;
  @IsUrl({ require_tld: false, require_protocol: true }) @IsOptional() PUBLIC_URL?: string;
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb, 512kb or 1048576b' })
  @IsOptional()
  BODY_LIMIT = '1mb';
  @IsString() @IsOptional() BACKEND_CORS_ORIGINS = '';
  @Transform(toBoolean) @IsBoolean() @IsOptional() CORS_ALLOW_LOCALHOST = false;
  @IsIn(LOG_LEVELS) @IsOptional() LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  @Transform(toBoolean) @IsBoolean() @IsOptional() LOG_HTTP_REQUESTS = true;

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  @Matches(KNOWN_SSLMODE, {
    message: `DATABASE_URL's sslmode must be one of ${SSL_MODES.join(', ')}`,
  })
  DATABASE_URL: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) @IsOptional() DB_POOL_SIZE = 5;
  @Transform(toInt) @IsInt() @Min(0) @Max(200) @IsOptional() DB_MAX_OVERFLOW = 10;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() DB_POOL_RECYCLE = 1800;
  @Transform(toBoolean) @IsBoolean() @IsOptional() DB_MIGRATE_ON_START = false;
  @Transform(toBoolean) @IsBoolean() @IsOptional() DB_DEBUG = false;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  @IsOptional()
  REDIS_URL?: string;
  @IsString() @IsOptional() REDIS_HOST = '127.0.0.1';
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) @IsOptional() REDIS_PORT = 6379;
  @IsString() @IsOptional() REDIS_PASSWORD?: string;
  @Transform(toInt) @IsInt() @Min(0) @Max(15) @IsOptional() REDIS_DB = 0;
  @Matches(/^[a-zA-Z0-9_-]{1,32}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-32 letters, digits, _ or -',
  })
  @IsOptional()
  REDIS_KEY_PREFIX = 'mlp';
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() CACHE_TTL_SECONDS = 300;
  @Transform(toInt) @IsInt() @Min(0) @Max(3600) @IsOptional() TABLE_CACHE_SECONDS = 60;
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) @IsOptional() TABLE_CACHE_ENTRIES = 1000;

  @Transform(toInt) @IsInt() @Min(1) @Max(50) @IsOptional() QUEUE_DEFAULT_ATTEMPTS = 3;
  @Transform(toInt) @IsInt() @Min(1) @Max(1000) @IsOptional() QUEUE_TRANSIENT_ATTEMPTS = 20;
  @Transform(toInt) @IsInt() @Min(10) @IsOptional() QUEUE_BACKOFF_MS = 2000;
  @Transform(toInt) @IsInt() @Min(10) @IsOptional() QUEUE_BACKOFF_MAX_MS = 300_000;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() QUEUE_KEEP_COMPLETED = 1000;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() QUEUE_KEEP_FAILED = 5000;
  @Transform(toInt) @IsInt() @Min(1) @Max(64) @IsOptional() QUEUE_CONCURRENCY = 2;
  @Transform(toInt) @IsInt() @Min(500) @IsOptional() QUEUE_LOCK_DURATION_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(100) @IsOptional() QUEUE_STALLED_INTERVAL_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(0) @Max(10) @IsOptional() QUEUE_MAX_STALLED_COUNT = 1;
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000) @IsOptional() QUEUE_ENQUEUE_TIMEOUT_MS = 3000;
  @Matches(/^\/[a-zA-Z0-9/_-]*$/, {
    message: 'QUEUE_DASHBOARD_PATH must be an absolute path like /admin/queues',
  })
  @IsOptional()
  QUEUE_DASHBOARD_PATH = '/admin/queues';
  @IsString() @IsOptional() HOUSEKEEPING_CRON = '17 3 * * *';
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() TASK_RETENTION_DAYS = 30;
  @Transform(toInt) @IsInt() @Min(0) @IsOptional() TASK_RECONCILE_INTERVAL_MS = 60_000;
  @Transform(toInt) @IsInt() @Min(0) @IsOptional() TASK_RECONCILE_GRACE_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(10) @IsOptional() TASK_WRITE_RETRY_MAX_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() REVOKED_KEY_RETENTION_DAYS = 30;

  @Transform(toInt) @IsInt() @Min(0) @Max(600) @IsOptional() API_KEY_CACHE_SECONDS = 10;

  @Transform(toBoolean) @IsBoolean() @IsOptional() RATE_LIMIT_ENABLED = true;
  @Matches(RATE_LIMIT_PATTERN, { message: rateLimitMessage('RATE_LIMIT_DEFAULT') })
  @IsOptional()
  RATE_LIMIT_DEFAULT = '600/1m';
  @Matches(RATE_LIMIT_PATTERN, { message: rateLimitMessage('RATE_LIMIT_INFERENCE') })
  @IsOptional()
  RATE_LIMIT_INFERENCE = '6000/1m';
  @Matches(RATE_LIMIT_PATTERN, { message: rateLimitMessage('RATE_LIMIT_UPLOAD') })
  @IsOptional()
  RATE_LIMIT_UPLOAD = '60/1m';
  @Matches(RATE_LIMIT_PATTERN, { message: rateLimitMessage('RATE_LIMIT_AUTH_FAILURE') })
  @IsOptional()
  RATE_LIMIT_AUTH_FAILURE = '20/10m';
  @Transform(toInt) @IsInt() @Min(0) @Max(100) @IsOptional() RATE_LIMIT_WAIT_PERCENT = 10;
  @ValidateIf((env: EnvironmentVariables) => env.METRICS_TOKEN !== undefined)
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsIn(['local', 's3']) @IsOptional() STORAGE_DRIVER: 'local' | 's3' = 'local';
  @IsString() @IsOptional() STORAGE_LOCAL_DIR = 'var/storage';
  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.STORAGE_SIGNING_SECRET !== undefined ||
      (env.STORAGE_DRIVER === 'local' && env.NODE_ENV === 'production'),
  )
  @IsString({
    message: 'STORAGE_SIGNING_SECRET is required for the local storage driver in production',
  })
  @MinLength(32, { message: 'STORAGE_SIGNING_SECRET must be at least 32 characters' })
  STORAGE_SIGNING_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(7 * 24 * 3600) @IsOptional() STORAGE_URL_EXPIRES_SECONDS =
    3600;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() STORAGE_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
  @Transform(toBoolean) @IsBoolean() @IsOptional() STORAGE_CREATE_BUCKET = true;
  @ValidateIf((env: EnvironmentVariables) => env.STORAGE_DRIVER === 's3')
  @IsString({ message: 'MINIO_ENDPOINT is required when STORAGE_DRIVER=s3 (host:port or a URL)' })
  MINIO_ENDPOINT?: string;
  @Matches(/^https?:\/\/.+/, { message: 'MINIO_PUBLIC_ENDPOINT must be an http(s) URL' })
  @IsOptional()
  MINIO_PUBLIC_ENDPOINT?: string;
  @ValidateIf((env: EnvironmentVariables) => env.STORAGE_DRIVER === 's3')
  @IsString({ message: 'MINIO_ACCESS_KEY is required when STORAGE_DRIVER=s3' })
  MINIO_ACCESS_KEY?: string;
  @ValidateIf((env: EnvironmentVariables) => env.STORAGE_DRIVER === 's3')
  @IsString({ message: 'MINIO_SECRET_KEY is required when STORAGE_DRIVER=s3' })
  MINIO_SECRET_KEY?: string;
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message:
      'MINIO_BUCKET must be a valid bucket name (3-63 lowercase letters, digits, dots, dashes)',
  })
  @IsOptional()
  MINIO_BUCKET = 'ml-platform';
  @Transform(toBoolean) @IsBoolean() @IsOptional() MINIO_SECURE = false;
  @IsString() @IsOptional() MINIO_REGION = 'us-east-1';

  @ValidateIf((env: EnvironmentVariables) => env.WEBHOOK_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET must be at least 32 characters' })
  WEBHOOK_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(60_000) @IsOptional() WEBHOOK_TIMEOUT_MS = 10_000;
  @Transform(toBoolean) @IsBoolean() @IsOptional() WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;

  // Realty (house prices): upload limits, sync/async thresholds, prediction cache
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() REALTY_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(2) @Max(10_000_000) @IsOptional() REALTY_MAX_ROWS = 200_000;
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) @IsOptional() REALTY_SYNC_PREDICTION_ROWS = 1000;
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) @IsOptional() REALTY_MAX_PREDICTION_ROWS =
    10_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) @IsOptional() REALTY_SYNC_WAIT_MS = 120_000;
  @Transform(toInt) @IsInt() @Min(0) @IsOptional() REALTY_PREDICTION_CACHE_SECONDS = 3600;

  @IsString() @IsOptional() MODELS_DIR = 'models';
  @Transform(toInt) @IsInt() @Min(1) @Max(64) @IsOptional() ORT_INTRA_OP_THREADS = 1;
  @Transform(toInt) @IsInt() @Min(1) @Max(64) @IsOptional() ORT_INTER_OP_THREADS = 1;
  @Transform(toBoolean) @IsBoolean() @IsOptional() INFERENCE_MICRO_BATCH = true;
  @Transform(toInt) @IsInt() @Min(0) @Max(100) @IsOptional() INFERENCE_MICRO_BATCH_WINDOW_MS = 0;
  @Transform(toInt) @IsInt() @Min(2) @Max(4096) @IsOptional() INFERENCE_MICRO_BATCH_MAX = 64;
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}(,[a-z0-9][a-z0-9._-]{0,63})*$/, {
    message: 'INFERENCE_OWN_THREAD_MODELS must be model names separated by commas, or none',
  })
  @IsOptional()
  INFERENCE_OWN_THREAD_MODELS = 'tool-detector';

  @IsString() @IsOptional() PLATFORM_METRICS_CRON = '10 * * * * *';
  @Transform(toInt) @IsInt() @Min(100) @Max(30_000) @IsOptional() PLATFORM_METRICS_FLUSH_MS = 5000;
  @Transform(toInt) @IsInt() @Min(1) @Max(50_000) @IsOptional() METRICS_MAX_BATCH = 5000;
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) @IsOptional() METRICS_OPEN_RANGE_CACHE_SECONDS = 10;
  @IsString() @IsOptional() METRICS_ROLLUP_CRON = '40 */5 * * * *';
  @Transform(toInt) @IsInt() @Min(1) @Max(100) @IsOptional() TOOLS_MAX_BATCH_IMAGES = 20;
  @Transform(toInt) @IsInt() @Min(1024) @IsOptional() TOOLS_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(1024) @IsOptional() TOOLS_MAX_REQUEST_BYTES = 50 * 1024 * 1024;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) @IsOptional() TOOLS_ZIP_MAX_ENTRIES = 100;
  @Transform(toInt) @IsInt() @Min(1024) @IsOptional() TOOLS_ZIP_MAX_UNCOMPRESSED_BYTES =
    200 * 1024 * 1024;
  @IsString() @IsOptional() TOOLS_UPLOAD_DIR?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(30 * 24 * 3600) @IsOptional() TOOLS_CACHE_TTL_SECONDS =
    3600;

  // Tool detector (src/tools/detection)
  @Transform(toInt) @IsInt() @Min(1) @Max(500_000_000) @IsOptional() TOOLS_MAX_PIXELS = 40_000_000;
  @IsString() @MinLength(1) @IsOptional() TOOLS_CLASS_THRESHOLDS_FILE =
    'tool-detector/thresholds.json';
  @Matches(/^\s*[\w .-]+(\s*,\s*[\w .-]+)*\s*$/, {
    message: 'TOOLS_CLASS_NAMES must be class names separated by commas',
  })
  @IsOptional()
  TOOLS_CLASS_NAMES?: string;

  @IsString() @MinLength(3) @IsOptional() FIRST_SUPERUSER_USERNAME = 'admin';
  @IsString() @IsOptional() FIRST_SUPERUSER_EMAIL?: string;
  @ValidateIf((env: EnvironmentVariables) => env.FIRST_SUPERUSER_PASSWORD !== undefined)
  @IsString()
  @MinLength(8, { message: 'FIRST_SUPERUSER_PASSWORD must be at least 8 characters' })
  FIRST_SUPERUSER_PASSWORD?: string;
  @ValidateIf((env: EnvironmentVariables) => env.FIRST_SUPERUSER_API_KEY !== undefined)
  @IsString()
  @MinLength(24, { message: 'FIRST_SUPERUSER_API_KEY must be at least 24 characters' })
  FIRST_SUPERUSER_API_KEY?: string;
}
