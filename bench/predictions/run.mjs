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

const row = (name, r, baseline, comparable = true) => ({
  route: name,
  'req/s': Math.round(r.requests.average),
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  non2xx: r.non2xx + r.errors,
  'vs raw': !comparable
    ? '—'
    : baseline
      ? `${((100 * r.requests.average) / baseline.requests.average).toFixed(0)}%`
      : '100%',
});

const database = `mlp_bench_${Date.now()}`;
const dbUrl = new URL(postgres);
dbUrl.pathname = `/${database}`;
await admin(`create database "${database}"`);

const rawPort = await freePort();
const baseEnv = {
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  PROCESS_ROLE: 'api',
  HOST: '127.0.0.1',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redis,
  REDIS_KEY_PREFIX: `mlpbench${Date.now()}`,
  DB_MIGRATE_ON_START: 'true',
  FIRST_SUPERUSER_API_KEY: apiKey,
  STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'info',
  // The rate limiter stays on (every request counted in Redis) with limits this load never reaches.
  RATE_LIMIT_DEFAULT: '100000000/1h',
  RATE_LIMIT_INFERENCE: '100000000/1h',
};
const children = [];
const startApp = async (extra) => {
  const port = await freePort();
  const app = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      join(root, 'dist/src/main.js'),
    ],
    {
      env: { ...baseEnv, ...extra, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(app);
  await waitFor(`http://127.0.0.1:${port}/health/ready`);
  return { port, app };
};
const stopApp = async ({ app }) => {
  app.kill('SIGTERM');
  await new Promise((resolve) => app.once('exit', resolve));
};
const post = {
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
};
const modelStats = async (port) => {
  const models = await (
    await fetch(`http://127.0.0.1:${port}/api/v1/inference/models`, {
      headers: { 'x-api-key': apiKey },
    })
  ).json();
  return models.find((m) => m.name === 'vehicle-quality').versions.find((v) => v.active).stats;
};
try {
  const raw = fork(join(root, 'bench/predictions/raw-server.mjs'), [
    join(root, 'models/vehicle-quality/1.0.0.onnx'),
    String(rawPort),
  ]);
  children.push(raw);
  await new Promise((resolve) => raw.once('message', resolve));
  console.log(
    `${connections} connections, ${seconds} s per route, production build (auth, validation and request logging on)\n`,
  );
  await load('warm-up', `http://127.0.0.1:${rawPort}/`, { ...post, duration: 2 });
  const rawScore = await load('raw', `http://127.0.0.1:${rawPort}/`, post);

  const plain = await startApp({ INFERENCE_MICRO_BATCH: 'false' });
  const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
    env: { ...baseEnv, PORT: '0' },
    stdio: 'ignore',
  });
  await new Promise((resolve) => seed.on('exit', resolve));
  const scoreUrl = (port) => `http://127.0.0.1:${port}/api/v1/predictions/score`;
  await load('warm-up', scoreUrl(plain.port), { ...post, duration: 2 });
  const score = await load('score', scoreUrl(plain.port), post);
  const plainStats = await modelStats(plain.port);
  const list = await load('list', `http://127.0.0.1:${plain.port}/api/v1/predictions?limit=10`, {
    headers: { 'x-api-key': apiKey },
  });
  await stopApp(plain);

  const batched = await startApp({
    INFERENCE_MICRO_BATCH: 'true',
    INFERENCE_MICRO_BATCH_WINDOW_MS: '0',
  });
  await load('warm-up', scoreUrl(batched.port), { ...post, duration: 2 });
  const batchedScore = await load('score', scoreUrl(batched.port), post);
  await stopApp(batched);

  console.table([
    row('raw node:http + ONNX (baseline)', rawScore),
    row('POST /api/v1/predictions/score, micro-batcher off', score, rawScore),
    row('POST …/score (default: micro-batcher on)', batchedScore, rawScore),
    row('GET /api/v1/predictions?limit=10', list, undefined, false),
  ]);
  console.log(
    `\nONNX Runtime time per call (registry counters, micro-batcher off): p50 ${plainStats.p50Ms?.toFixed(3)} ms, ` +
      `p99 ${plainStats.p99Ms?.toFixed(3)} ms over ${plainStats.count} calls — includes waiting for the event loop at this load` +
      `\nper /score request at full load: ${(1000 / score.requests.average).toFixed(3)} ms of the single event loop` +
      `\n/score vs raw node:http: ${((100 * score.requests.average) / rawScore.requests.average).toFixed(0)}%, ` +
      `with the micro-batcher ${((100 * batchedScore.requests.average) / rawScore.requests.average).toFixed(0)}% (goal ≥ 50%)`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await admin(`drop database if exists "${database}" with (force)`);
}
