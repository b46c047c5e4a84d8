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

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  @IsIn(LOG_LEVELS) @IsOptional() LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  @Transform(toBoolean) @IsBoolean() @IsOptional() LOG_HTTP_REQUESTS = true;

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
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

  @Transform(toInt) @IsInt() @Min(1) @Max(50) @IsOptional() QUEUE_DEFAULT_ATTEMPTS = 3;
  @Transform(toInt) @IsInt() @Min(10) @IsOptional() QUEUE_BACKOFF_MS = 2000;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() QUEUE_KEEP_COMPLETED = 1000;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() QUEUE_KEEP_FAILED = 5000;
  @Transform(toInt) @IsInt() @Min(1) @Max(64) @IsOptional() QUEUE_CONCURRENCY = 2;
  @Matches(/^\/[a-zA-Z0-9/_-]*$/, {
    message: 'QUEUE_DASHBOARD_PATH must be an absolute path like /admin/queues',
  })
  @IsOptional()
  QUEUE_DASHBOARD_PATH = '/admin/queues';
  @IsString() @IsOptional() HOUSEKEEPING_CRON = '17 3 * * *';
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() TASK_RETENTION_DAYS = 30;
  @Transform(toInt) @IsInt() @Min(1) @IsOptional() REVOKED_KEY_RETENTION_DAYS = 30;

  @Transform(toInt) @IsInt() @Min(0) @Max(600) @IsOptional() API_KEY_CACHE_SECONDS = 10;

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
