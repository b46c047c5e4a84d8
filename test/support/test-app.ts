import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig, validateEnvironment, type ProcessRole } from '../../src/config';
import { SeedRunner } from '../../src/seeding/seed-runner';
import { TEST_POSTGRES_URL, TEST_REDIS_URL, databaseUrlFor } from './test-services';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  /** The seeded admin's API key. */
  adminKey: string;
  databaseUrl: string;
  /** The environment variables the app was configured from, for processes a test spawns beside it. */
  variables: Record<string, string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  role?: Exclude<ProcessRole, 'cli'>;
  env?: Record<string, string>;
}

const admin = async (sql: string): Promise<void> => {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A fresh database and Redis key prefix for one test file; `dropTestDatabase` removes both. */
export async function createTestDatabase(): Promise<{ name: string; url: string; prefix: string }> {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const name = `mlp_test_${suffix}`;
  await admin(`create database "${name}"`);
  return { name, url: databaseUrlFor(name), prefix: `mlptest_${suffix}` };
}

export async function dropTestDatabase(name: string, redisPrefix: string): Promise<void> {
  await admin(`drop database if exists "${name}" with (force)`);
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The environment variables of a test process (the API in the test, or a worker it spawns). */
export function testEnvironmentVariables(
  databaseUrl: string,
  redisPrefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    DB_MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    QUEUE_BACKOFF_MS: '50',
    API_KEY_CACHE_SECONDS: '0',
    FIRST_SUPERUSER_USERNAME: 'admin',
    FIRST_SUPERUSER_PASSWORD: 'admin-password-1',
    FIRST_SUPERUSER_API_KEY: `mlp_test_admin_${randomBytes(16).toString('hex')}`,
    PUBLIC_URL: 'http://localhost:3000',
    // Tests send bursts from one address; test/rate-limits.e2e-spec.ts turns the limiter on with small limits.
    RATE_LIMIT_ENABLED: 'false',
    ...extra,
  };
}

/** Boots the real application (real Postgres, Redis, BullMQ) on a fresh database, migrated, with the admin seeded. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const variables = testEnvironmentVariables(db.url, db.prefix, options.env);
  const env = validateEnvironment(variables);
  const config = new AppConfig(env, options.role ?? 'api');
  const app = await createApp(config);
  await app.init();
  await app.get(SeedRunner).runNamed('admin');
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    adminKey: env.FIRST_SUPERUSER_API_KEY ?? '',
    databaseUrl: db.url,
    variables,
    close: async () => {
      await app.close();
      await dropTestDatabase(db.name, db.prefix);
    },
  };
}

/** Polls `check` until it returns a value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Runs service calls from a test the way a request or a job would: in their own ORM context. */
export function inRequestContext<T>(
  app: NestExpressApplication,
  work: () => Promise<T>,
): Promise<T> {
  return RequestContext.create(app.get(MikroORM).em, work);
}
