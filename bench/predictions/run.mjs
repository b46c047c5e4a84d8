// Predictions benchmark: POST /score and GET /api/v1/predictions?limit=10 at 32 connections against the compiled
// app in production mode (auth, validation and request logging on), next to a raw node:http server doing the same
// model work, in the same run. Prints req/s, p50/p99 latency, the ratio to raw, and ONNX Runtime's own time per
// call from the registry counters. Needs PostgreSQL and Redis (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
//   npm run bench:predictions            (BENCH_SECONDS=10 by default; BENCH_CONNECTIONS=32)
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;
const body = JSON.stringify({ feature1: 71.5, feature2: 4.2, feature3: -1.8 });

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const admin = async (sql) => {
  const client = new pg.Client({ connectionString: postgres });
  await client.connect();
  await client.query(sql);
  await client.end();
};

const waitFor = async (url) => {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
};

const load = (title, url, options = {}) =>
  new Promise((resolve, reject) => {
    autocannon(
      { title, url, connections, duration: seconds, pipelining: 1, ...options },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });

const row = (name, r, baseline) => ({
  route: name,
  'req/s': Math.round(r.requests.average),
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  non2xx: r.non2xx + r.errors,
  'vs raw': baseline
    ? `${((100 * r.requests.average) / baseline.requests.average).toFixed(0)}%`
    : '100%',
});

const database = `mlp_bench_${Date.now()}`;
const dbUrl = new URL(postgres);
dbUrl.pathname = `/${database}`;
await admin(`create database "${database}"`);

const appPort = await freePort();
const rawPort = await freePort();
const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  PROCESS_ROLE: 'api',
  PORT: String(appPort),
  HOST: '127.0.0.1',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redis,
  REDIS_KEY_PREFIX: `mlpbench${Date.now()}`,
  DB_MIGRATE_ON_START: 'true',
  FIRST_SUPERUSER_API_KEY: apiKey,
  STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'info',
};
const children = [];
try {
  const app = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(app);
  await waitFor(`http://127.0.0.1:${appPort}/health/ready`);
  const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
    env,
    stdio: 'ignore',
  });
  await new Promise((resolve) => seed.on('exit', resolve));

  const raw = fork(join(root, 'bench/predictions/raw-server.mjs'), [
    join(root, 'models/vehicle-quality/1.0.0.onnx'),
    String(rawPort),
  ]);
  children.push(raw);
  await new Promise((resolve) => raw.once('message', resolve));

  const post = {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
  };
  console.log(
    `${connections} connections, ${seconds} s per route, production build, logging at info\n`,
  );
  await load('warm-up', `http://127.0.0.1:${appPort}/api/v1/predictions/score`, {
    ...post,
    duration: 2,
  });
  await load('warm-up', `http://127.0.0.1:${rawPort}/`, { ...post, duration: 2 });
  const rawScore = await load('raw', `http://127.0.0.1:${rawPort}/`, post);
  const score = await load('score', `http://127.0.0.1:${appPort}/api/v1/predictions/score`, post);
  const list = await load('list', `http://127.0.0.1:${appPort}/api/v1/predictions?limit=10`, {
    headers: { 'x-api-key': apiKey },
  });
  console.table([
    row('raw node:http + ONNX (baseline)', rawScore),
    row('POST /api/v1/predictions/score', score, rawScore),
    row('GET /api/v1/predictions?limit=10', list),
  ]);

  const models = await (
    await fetch(`http://127.0.0.1:${appPort}/api/v1/inference/models`, {
      headers: { 'x-api-key': apiKey },
    })
  ).json();
  const stats = models
    .find((m) => m.name === 'vehicle-quality')
    .versions.find((v) => v.active).stats;
  const perRequestMs = 1000 / score.requests.average;
  console.log(
    `\nONNX Runtime per call (registry): p50 ${stats.p50Ms?.toFixed(3)} ms, p99 ${stats.p99Ms?.toFixed(3)} ms over ${stats.count} calls` +
      `\nHTTP + auth + validation + logging per /score request at this load: ~${(perRequestMs * connections - (stats.p50Ms ?? 0)).toFixed(2)} ms of ${connections} connections' wall time` +
      `\n/score throughput vs raw node:http: ${((100 * score.requests.average) / rawScore.requests.average).toFixed(0)}% (goal ≥ 50%)`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await admin(`drop database if exists "${database}" with (force)`);
}
