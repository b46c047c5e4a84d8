import { setTimeout as sleep } from 'node:timers/promises';
import Redis, { type RedisOptions } from 'ioredis';

export interface RedisPingOptions {
  host: string;
  port: number;
  timeoutMs: number;
  /** Settles when the server process is gone, which ends the wait early. */
  exited: Promise<void>;
}

export type RedisPingResult = { ready: true; version: string } | { ready: false; reason: string };

const RETRY_DELAY_MS = 100;

/**
 * One connection attempt, no reconnects: PONG plus the server version, or the error that prevented it (the
 * connection's own settings, password and db included, come from `options`).
 */
export async function pingRedisOnce(
  options: RedisOptions,
  connectTimeoutMs = 1_000,
): Promise<string> {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
    const info = await client.info('server');
    return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown version';
  } finally {
    client.disconnect();
  }
}

/** Retries PING until the server answers, exits, or the time is up. */
export async function waitForRedisPing(options: RedisPingOptions): Promise<RedisPingResult> {
  let exited = false;
  void options.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no attempt made';
  while (!exited && Date.now() < deadline) {
    try {
      return {
        ready: true,
        version: await pingRedisOnce({ host: options.host, port: options.port }),
      };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(RETRY_DELAY_MS);
  }
  if (exited) return { ready: false, reason: 'the process exited before answering PING' };
  return {
    ready: false,
    reason: `no PONG within ${options.timeoutMs} ms (last error: ${lastError})`,
  };
}
