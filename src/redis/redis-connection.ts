import type { RedisOptions } from 'bullmq';
import type { RedisConnectionSettings } from '../config';

/** ioredis options from the one Redis configuration; BullMQ requires maxRetriesPerRequest: null. */
export const redisOptionsOf = (settings: RedisConnectionSettings): RedisOptions => ({
  host: settings.host,
  port: settings.port,
  username: settings.username,
  password: settings.password,
  db: settings.db,
  tls: settings.tls ? {} : undefined,
  maxRetriesPerRequest: null,
});
