import { Client } from 'pg';
import type { AppConfig } from '../config';
import { redisOptionsOf } from '../redis/redis-connection';
import { pingRedisOnce } from './redis-ping';

const TIMEOUT_MS = 5_000;

/** PostgreSQL or Redis does not answer; the message names which one, where, and the variable that says so. */
export class ServiceUnreachableError extends Error {
  constructor(service: string, where: string, variable: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(`Cannot reach ${service} at ${where} (${variable}): ${reason || 'no answer'}`);
    this.name = 'ServiceUnreachableError';
  }
}

async function checkPostgres(url: string): Promise<void> {
  const target = new URL(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const where = `${target.hostname}:${target.port || 5432}`;
    throw new ServiceUnreachableError('PostgreSQL', where, 'DATABASE_URL', error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(config: AppConfig): Promise<void> {
  try {
    await pingRedisOnce(redisOptionsOf(config.redis), TIMEOUT_MS);
  } catch (error) {
    const where = `${config.redis.host}:${config.redis.port}`;
    throw new ServiceUnreachableError('Redis', where, 'REDIS_URL / REDIS_HOST', error);
  }
}

/**
 * Before the app boots: both servers answer, or one clear line says which does not. Without this a refused
 * connection surfaces as a driver's stack trace (PostgreSQL) or as endless reconnect errors (Redis).
 */
export async function checkServicesReachable(config: AppConfig): Promise<void> {
  await checkPostgres(config.database.url);
  await checkRedis(config);
}
