import type { RedisOptions } from 'bullmq';
import type { RedisConnectionSettings } from '../config';

/** Longest pause between two reconnection attempts: a restarted Redis is used again within this time. */
export const RECONNECT_MAX_DELAY_MS = 2000;

/**
 * ioredis options from the one Redis configuration, for connections that wait out an outage (workers, queue
 * events): commands are kept until Redis is back (BullMQ requires maxRetriesPerRequest: null for blocking ones).
 * Reconnection is retried at most every RECONNECT_MAX_DELAY_MS (BullMQ's own default backs off to 20 s).
 */
export const redisOptionsOf = (settings: RedisConnectionSettings): RedisOptions => ({
  host: settings.host,
  port: settings.port,
  username: settings.username,
  password: settings.password,
  db: settings.db,
  tls: settings.tls ? {} : undefined,
  maxRetriesPerRequest: null,
  retryStrategy: (attempt: number) => Math.min(attempt * 250, RECONNECT_MAX_DELAY_MS),
});

/**
 * Options for producer connections (the queues the API adds jobs to): a command sent while Redis is unreachable
 * fails at once instead of waiting in ioredis' offline queue, so a request can answer 503 instead of hanging.
 */
export const producerRedisOptionsOf = (settings: RedisConnectionSettings): RedisOptions => ({
  ...redisOptionsOf(settings),
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
});
