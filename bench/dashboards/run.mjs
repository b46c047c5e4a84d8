// Dashboards benchmark against the compiled app in production mode (auth, validation, request logging on):
//   1. loads 1,000,000 metric rows over the last year for one dashboard plus noise rows for five others
//      (multi-row INSERTs of unnest()ed arrays, 20,000 rows each) and prints the load rate;
//   2. ingests points through POST /api/v1/metrics in batches (points/s);
//   3. measures p50/p95 of the 30-day hourly query and the 1-year daily query over HTTP, uncached (a new range
//      each request: `to` moves by a millisecond) and cached (the same request again), one request at a time on one
//      kept-alive node:http connection; the cached requests are timed by a fresh client process (timing-client.mjs)
//      in blocks of BENCH_CACHED_BLOCK (250) alternating with requests to a bare node:http server (bare-server.mjs,
//      its own process) sending the same bytes: the floor.
// Needs PostgreSQL and Redis (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
//   npm run bench:dashboards   (BENCH_ROWS=1000000, BENCH_NOISE_ROWS=500000, BENCH_QUERIES=200: uncached runs of
//   the 30-day query, a tenth of that for the 1-year one; 1000 cached runs each; BENCH_APP_ENV='{"NAME":"value"}'
//   adds variables to the app's environment, e.g. '{"RATE_LIMIT_WAIT_PERCENT":"100"}')
import autocannon from 'autocannon';
import { Buffer } from 'node:buffer';
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, runSql, unreachedRateLimits, waitFor } from '../support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// The application's UUIDv7 ids (time-ordered, as the API writes them).
const { newId } = createRequire(import.meta.url)(join(root, 'dist/libs/database/src/uuid.js'));
// The SQL the metrics route runs for buckets of an hour or more (printed with its timing at the end).
const { rolledUpAggregateSql, bindRange } = createRequire(import.meta.url)(
  join(root, 'dist/src/dashboards/query/rolled-up-aggregate-sql.js'),
);
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const noiseRows = Number(process.env.BENCH_NOISE_ROWS ?? 500_000);
const queries = Number(process.env.BENCH_QUERIES ?? 200);
const ingestBatch = Number(process.env.BENCH_INGEST_BATCH ?? 5000);
const ingestRequests = Number(process.env.BENCH_INGEST_REQUESTS ?? 60);
const cachedBlock = Number(process.env.BENCH_CACHED_BLOCK ?? 250);
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

const admin = (sql) => runSql(postgres, sql);

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

const database = `mlp_bench_${Date.now()}`;
const dbUrl = new URL(postgres);
dbUrl.pathname = `/${database}`;
await admin(`create database "${database}"`);
const env = {
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
  LOG_LEVEL: 'warn',
  ...unreachedRateLimits,
  ...JSON.parse(process.env.BENCH_APP_ENV ?? '{}'),
};
let app;
const db = new pg.Client({ connectionString: dbUrl.toString() });
try {
  const port = await freePort();
  app = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      join(root, 'dist/src/main.js'),
    ],
    {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitFor(`http://127.0.0.1:${port}/health/ready`);
  const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed', 'admin'], {
    env: { ...env, PORT: '0' },
    stdio: 'ignore',
  });
  await new Promise((resolve) => seed.on('exit', resolve));
  const api = async (method, path, body) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const dashboard = async (name) =>
    (await (await api('POST', '/api/v1/dashboards', { name })).json()).id;
  const main = await dashboard('bench: one year, 1M points');
  const noise = await Promise.all([1, 2, 3, 4, 5].map((i) => dashboard(`bench: noise ${i}`)));
  const me = await (await api('GET', '/api/v1/users/me')).json();

  // 1. Load: one multi-row INSERT per 20,000 rows (arrays unnested by PostgreSQL).
  await db.connect();
  const now = Date.now();
  const insert = async (dashboardId, count, offset) => {
    const chunk = 20_000;
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start);
      const cols = [[], [], [], [], [], [], []];
      for (let i = 0; i < n; i++) {
        const k = start + i + offset;
        const phase = (k % 2880) / 2880;
        cols[0].push(newId());
        cols[1].push(0.85 + 0.1 * Math.sin(k / 97));
        cols[2].push(0.9 + 0.05 * Math.cos(k / 1013));
        cols[3].push(100 + 50 * phase + (k % 17));
        cols[4].push(1500 + 400 * phase + (k % 31));
        cols[5].push(0.01 + 0.009 * Math.sin(k / 7));
        cols[6].push(new Date(now - YEAR + Math.floor(((start + i) * YEAR) / count)));
      }
      await db.query(
        `insert into metrics (id, user_id, dashboard_id, ia_efficiency, model_accuracy, processing_time_ms,
           memory_usage_mb, error_rate, timestamp, created_at, updated_at)
         select id, $1, $2, a, b, c, d, e, t, now(), now()
         from unnest($3::uuid[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::timestamptz[])
           as u(id, a, b, c, d, e, t)`,
        [me.id, dashboardId, ...cols],
      );
    }
  };
  let started = performance.now();
  await insert(main, rows, 0);
  for (const [i, id] of noise.entries())
    await insert(id, Math.floor(noiseRows / noise.length), i * 7);
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `load: ${rows + noiseRows} rows (${rows} for one dashboard over a year, ${noiseRows} noise in ${noise.length} others) ` +
      `in ${loadSeconds.toFixed(1)} s = ${Math.round((rows + noiseRows) / loadSeconds)} rows/s`,
  );
  started = performance.now();
  await db.query('vacuum analyze metrics');
  console.log(
    `vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s (autovacuum does this in production)`,
  );

  // 2. Ingest through the API: batches of points for a noise dashboard.
  const points = Array.from({ length: ingestBatch }, (_, i) => ({
    dashboardId: noise[0],
    timestamp: new Date(now - i * 1000).toISOString(),
    iaEfficiency: 0.8 + (i % 10) / 100,
    modelAccuracy: 0.9,
    processingTimeMs: 100 + (i % 50),
    memoryUsageMb: 2048,
    errorRate: 0.01,
  }));
  const ingestResult = await new Promise((resolve, reject) =>
    autocannon(
      {
        url: `http://127.0.0.1:${port}/api/v1/metrics`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ points }),
        connections: 2,
        amount: ingestRequests,
        timeout: 60,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  const ok = ingestResult['2xx'];
  const pointsPerSecond = (ok * ingestBatch) / ingestResult.duration;
  console.log(
    `ingest: ${ok} × ${ingestBatch} points over HTTP (2 connections) in ${ingestResult.duration.toFixed(1)} s = ` +
      `${Math.round(pointsPerSecond)} points/s; request p50 ${ingestResult.latency.p50} ms, p99 ${ingestResult.latency.p99} ms` +
      (ingestResult.non2xx ? `; ${ingestResult.non2xx} non-2xx` : ''),
  );

  // 3. Queries over HTTP, one at a time, on one kept-alive connection of node:http (the client with the least
  // overhead of its own: fetch's web streams add 1-3 ms to a 445 KiB body). Time to the whole response body.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url, headers = {}) =>
    new Promise((resolve, reject) => {
      http
        .get(url, { agent, headers }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const time = async (path) => {
    const t0 = performance.now();
    const { status, body } = await get(`http://127.0.0.1:${port}${path}`, { 'x-api-key': apiKey });
    const ms = performance.now() - t0;
    if (status !== 200) throw new Error(`${path}: ${status} ${body}`);
    return { ms, body };
  };
  // Cached timings: a fresh client process (timing-client.mjs), blocks of back-to-back requests alternating
  // between the app and the floor. The first requests after a switch wait for this VM to wake the other process up
  // (for both alike); long blocks measure the steady state a client that keeps asking sees.
  const timedInFreshClient = (app, floor) =>
    new Promise((resolve, reject) => {
      const client = fork(join(here, 'timing-client.mjs'));
      client.once('message', (times) =>
        times.error ? reject(new Error(times.error)) : resolve(times),
      );
      client.once('error', reject);
      client.send({ app, floor, total: 1000, block: cachedBlock });
    });
  const bareServer = async (bytes) => {
    const file = join(tmpdir(), `bench-dashboards-body-${process.pid}.json`);
    writeFileSync(file, bytes);
    const child = spawn(process.execPath, [join(here, 'bare-server.mjs'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise((resolve) =>
      child.stdout.once('data', (d) => resolve(Number(d))),
    );
    return { port, stop: () => (child.kill('SIGTERM'), rmSync(file, { force: true })) };
  };
  const measure = async (name, span, bucket, uncachedRuns) => {
    const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const path = (shift) =>
      `/api/v1/dashboards/${main}/metrics?from=${new Date(end - span).toISOString()}&to=${new Date(end + shift).toISOString()}&bucket=${bucket}`;
    for (let i = 0; i < 5; i++) await time(path(100_000 + i)); // warm-up
    const uncached = [];
    let sample;
    for (let i = 0; i < uncachedRuns; i++) {
      const r = await time(path(i + 1));
      uncached.push(r.ms);
      sample = { ...JSON.parse(r.body.toString()), bytes: r.body };
    }
    // Cached, beside a bare node:http server sending the same bytes (the floor).
    const floor = await bareServer(sample.bytes);
    let cached;
    let bare;
    try {
      ({ app: cached, floor: bare } = await timedInFreshClient(
        { url: `http://127.0.0.1:${port}${path(1)}`, headers: { 'x-api-key': apiKey } },
        { url: `http://127.0.0.1:${floor.port}/` },
      ));
    } finally {
      floor.stop();
    }
    return {
      query: name,
      buckets: sample.series.length,
      points: sample.summary.count,
      'body KiB': Math.round(sample.bytes.length / 1024),
      runs: `${uncachedRuns} + 1000`,
      'uncached p50 ms': +percentile(uncached, 0.5).toFixed(2),
      'uncached p95 ms': +percentile(uncached, 0.95).toFixed(2),
      'cached p50 ms': +percentile(cached, 0.5).toFixed(2),
      'cached p95 ms': +percentile(cached, 0.95).toFixed(2),
      'bare server p50 / p95 ms': `${percentile(bare, 0.5).toFixed(2)} / ${percentile(bare, 0.95).toFixed(2)}`,
    };
  };
  const results = [
    await measure('30 days, bucket=1h', 30 * DAY, '1h', queries),
    await measure('1 year, bucket=1d', YEAR, '1d', Math.max(10, Math.round(queries / 10))),
  ];
  console.table(results);
  const plan = await db.query(
    `explain (analyze, buffers) select date_bin(interval '1 hour', "timestamp", timestamptz '1970-01-01 00:00:00+00'), count(*),
       avg(ia_efficiency), percentile_cont(0.95) within group (order by ia_efficiency)
     from metrics where dashboard_id = $1 and "timestamp" >= now() - interval '30 days' and "timestamp" < now()
     group by grouping sets ((1), ())`,
    [main],
  );
  console.log(
    `\nplan of the 30-day hourly query read from the points (one field shown; the route reads rollups instead):\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
  );
  // The statement the route runs for it (rollups where they exist, the points elsewhere): its timing alone.
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const bound = bindRange(rolledUpAggregateSql('1h'), main, new Date(end - 30 * DAY), end);
  let n = 0;
  await db.query('begin');
  await db.query('set local jit = off');
  const rolled = await db.query(
    `explain (analyze) ${bound.sql.replace(/\?/g, () => `$${++n}`)}`,
    bound.params,
  );
  await db.query('commit');
  console.log(
    `\nthe route's statement for it (rollups + points, five fields): ${rolled.rows
      .map((r) => r['QUERY PLAN'])
      .filter((line) => /^(Planning|Execution) Time/.test(line))
      .join(', ')}`,
  );
} finally {
  await db.end().catch(() => undefined);
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
  }
  await admin(`drop database if exists "${database}" with (force)`);
}
