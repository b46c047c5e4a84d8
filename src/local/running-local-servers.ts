import { join } from 'node:path';
import {
  EMBEDDED_DATABASE,
  embeddedPostgresStateFile,
  embeddedPostgresUrl,
} from './embedded-postgres-state';
import { LOOPBACK_HOST } from './free-port';
import { localRedisStateFile } from './local-redis-server';
import { launcherStillRuns } from './previous-server-guard';
import { isProcessAlive } from './process-probe';

/**
 * Points this process at the PostgreSQL and Redis that a running `npm start` launched from `localDir`
 * (var/local), for what the environment does not set itself, so that `npm run cli` works beside it.
 * Returns what was taken over, e.g. "the embedded PostgreSQL and redis-server", or undefined.
 */
export async function useRunningLocalServers(localDir: string): Promise<string | undefined> {
  const used: string[] = [];
  if (!process.env.DATABASE_URL) {
    const postgres = await embeddedPostgresStateFile(join(localDir, 'postgres')).read();
    if (postgres && launcherStillRuns(postgres.launcherPid)) {
      process.env.DATABASE_URL = embeddedPostgresUrl(postgres, EMBEDDED_DATABASE);
      used.push('the embedded PostgreSQL');
    }
  }
  if (!process.env.REDIS_URL && !process.env.REDIS_HOST) {
    const redis = await localRedisStateFile(join(localDir, 'redis')).read();
    if (redis?.port && launcherStillRuns(redis.launcherPid) && isProcessAlive(redis.serverPid)) {
      process.env.REDIS_URL = `redis://${LOOPBACK_HOST}:${redis.port}`;
      used.push('the local redis-server');
    }
  }
  return used.length > 0 ? used.join(' and ') : undefined;
}
