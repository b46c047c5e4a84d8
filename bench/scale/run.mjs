// Scale benchmark: trivial jobs per second through the task platform, with one and then two worker processes.
// The job is `housekeeping/ping` (a handler that does nothing), so the figure is the platform's own cost per job:
// task record written, BullMQ job added, taken by a worker, task marked succeeded in PostgreSQL (a job this short is
// never written `running`; concurrent writes are grouped, see README "Queues and background tasks").
//   end to end: the jobs are enqueued (TaskQueue, BENCH_ENQUEUERS at once) while the workers run; the clock runs from
//               the first enqueue until every task record is `succeeded`.
//   drain:      the jobs wait in a paused queue; the clock runs from resume until every task is `succeeded`.
// Needs PostgreSQL and Redis (BENCH_POSTGRES_URL, BENCH_REDIS_URL); uses a fresh database and Redis prefix.
//   npm run bench:scale                 (BENCH_JOBS=3000, BENCH_CONCURRENCY=64 jobs at once per worker)
//   BENCH_PROF=1 npm run bench:scale    (CPU profiles of the worker processes in /tmp/prof)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, runSql } from '../support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const jobs = Number(process.env.BENCH_JOBS ?? 3000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const enqueuers = Number(process.env.BENCH_ENQUEUERS ?? 32);
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const database = `mlp_bench_${suffix}`;
const prefix = `mlpbench_${suffix}`;

const admin = (sql) => runSql(postgres, sql);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const dbUrl = new URL(postgres);
dbUrl.pathname = `/${database}`;
const env = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redis,
  REDIS_KEY_PREFIX: prefix,
  LOG_LEVEL: 'warn',
  LOG_HTTP_REQUESTS: 'false',
  STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
  QUEUE_CONCURRENCY: String(concurrency),
  // Pool as large as the jobs running at once would want; the reconciler stays out of the measurement.
  DB_POOL_SIZE: '10',
  DB_MAX_OVERFLOW: '10',
  TASK_RECONCILE_INTERVAL_MS: '0',
};

/** A worker process (`dist/src/worker.js`), resolved once its readiness probe answers. */
async function startWorker() {
  const port = await freePort();
  const execArgv = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [];
  const child = fork(join(root, 'dist', 'src', 'worker.js'), [], {
    env: { PATH: process.env.PATH, ...env, WORKER_HEALTH_PORT: String(port) },
    execArgv,
    stdio: 'inherit',
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return child;
    await sleep(100);
  }
  throw new Error('worker not ready within 60 s');
}

const stopWorker = (child) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

await admin(`create database "${database}"`);
Object.assign(process.env, env, { DB_MIGRATE_ON_START: 'true' });
const { createApp } = require(join(root, 'dist/src/bootstrap/create-app.js'));
const { AppConfig, loadEnvironment } = require(join(root, 'dist/src/config/index.js'));
const { TaskQueue } = require(join(root, 'dist/src/tasks/task-queue.service.js'));
const { QueueRegistry } = require(join(root, 'dist/src/tasks/queue-registry.js'));
const { MikroORM, RequestContext } = require('@mikro-orm/core');
// The producer side: the API's application (no HTTP listener needed) enqueues through the task platform.
const app = await createApp(new AppConfig(loadEnvironment(), 'api'));
await app.init();
const taskQueue = app.get(TaskQueue);
const orm = app.get(MikroORM);
const queue = app.get(QueueRegistry).get('housekeeping');
const db = new pg.Client({ connectionString: env.DATABASE_URL });
await db.connect();

const succeeded = async () =>
  Number(
    (await db.query(`select count(*) from tasks where name = 'ping' and status = 'succeeded'`))
      .rows[0].count,
  );

/** Enqueues `jobs` pings, `enqueuers` at a time; resolves with the seconds it took. */
async function enqueueAll() {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: enqueuers }, async () => {
      while (next < jobs) {
        next++;
        // One ORM context per enqueue, as an HTTP request gets.
        await RequestContext.create(orm.em, () => taskQueue.enqueue('housekeeping', 'ping', {}));
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function untilAllSucceeded(started) {
  for (;;) {
    const done = await succeeded();
    if (done >= jobs) return (performance.now() - started) / 1000;
    if (performance.now() - started > 600_000)
      throw new Error(`only ${done}/${jobs} done in 10 min`);
    await sleep(20);
  }
}

async function reset() {
  await queue.obliterate({ force: true });
  await db.query(`delete from tasks where name = 'ping'`);
}

async function dropRedisPrefix() {
  const { Redis } = require('ioredis');
  const client = new Redis(redis);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}

const rows = [];
try {
  for (const workerCount of [1, 2]) {
    const workers = [];
    for (let i = 0; i < workerCount; i++) workers.push(await startWorker());
    try {
      await reset();
      const started = performance.now();
      const enqueueSeconds = await enqueueAll();
      const endToEnd = await untilAllSucceeded(started);

      await reset();
      await queue.pause();
      await enqueueAll();
      const resumed = performance.now();
      await queue.resume();
      const drain = await untilAllSucceeded(resumed);

      rows.push({
        workers: workerCount,
        jobs,
        'enqueue jobs/s': Math.round(jobs / enqueueSeconds),
        'end-to-end jobs/s': Math.round(jobs / endToEnd),
        'drain jobs/s': Math.round(jobs / drain),
      });
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
  }
} finally {
  await db.end();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await app.close();
  await admin(`drop database if exists "${database}" with (force)`);
  await dropRedisPrefix();
}
console.log(
  `housekeeping/ping, QUEUE_CONCURRENCY=${concurrency} per worker, ${enqueuers} enqueuers`,
);
console.table(rows);
