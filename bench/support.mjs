// What every HTTP benchmark needs: a free loopback port, an SQL statement on an admin connection, and waiting
// for a started process's URL to answer.
import { createServer } from 'node:net';
import pg from 'pg';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export const runSql = async (connectionString, sql) => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(sql);
  await client.end();
};

export const waitFor = async (url, attempts = 300) => {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
};

/** The rate limiter stays on (every request counted in Redis) with limits no benchmark load reaches. */
export const unreachedRateLimits = {
  RATE_LIMIT_DEFAULT: '100000000/1h',
  RATE_LIMIT_INFERENCE: '100000000/1h',
  RATE_LIMIT_UPLOAD: '100000000/1h',
};
