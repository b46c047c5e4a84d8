// CPU time the server process spends per POST /api/v1/predictions/score (utime + stime from /proc, Linux only),
// next to the raw node:http server: a figure that holds on a busy machine, where req/s do not. Variants: this build
// with the rate limiter on and off (metrics and security headers always on) and, with BENCH_BEFORE_DIR=<a checkout
// built with `nest build`>, that build too. Needs PostgreSQL and Redis like bench:predictions.
//   BENCH_BEFORE_DIR=/tmp/base node bench/predictions/cpu-per-request.mjs   (BENCH_REQUESTS=20000, BENCH_ROUNDS=2)
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSql } from '../support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requests = Number(process.env.BENCH_REQUESTS ?? 20000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;
const body = JSON.stringify({ feature1: 71.5, feature2: 4.2, feature3: -1.8 });

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const admin = (sql) => runSql(postgres, sql);
/** CPU milliseconds used so far by a process (user + system; clock ticks of 10 ms). */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const waitFor = async (url) => {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
};
const load = (url, amount) =>
  new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 32,
        amount,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
const measure = async (name, pid, url) => {
  await load(url, 3000);
  const before = cpuMs(pid);
  const result = await load(url, requests);
  const cpu = cpuMs(pid) - before;
  return {
    variant: name,
    'CPU µs/request': Math.round((1000 * cpu) / requests),
    non2xx: result.non2xx + result.errors,
  };
};

const database = `mlp_cpu_${Date.now()}`;
await admin(`create database "${database}"`);
const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  PROCESS_ROLE: 'api',
  HOST: '127.0.0.1',
  DATABASE_URL: Object.assign(new URL(postgres), { pathname: `/${database}` }).toString(),
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  REDIS_KEY_PREFIX: `mlpcpu${Date.now()}`,
  DB_MIGRATE_ON_START: 'true',
  FIRST_SUPERUSER_API_KEY: apiKey,
  STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'info',
  RATE_LIMIT_INFERENCE: '100000000/1h',
};
const variants = [
  ...(process.env.BENCH_BEFORE_DIR
    ? [['before (BENCH_BEFORE_DIR)', process.env.BENCH_BEFORE_DIR, {}]]
    : []),
  ['this build, rate limiter on', root, { RATE_LIMIT_ENABLED: 'true' }],
  ['this build, rate limiter off', root, { RATE_LIMIT_ENABLED: 'false' }],
];
const rawPort = await freePort();
const raw = fork(join(root, 'bench/predictions/raw-server.mjs'), [
  join(root, 'models/vehicle-quality/1.0.0.onnx'),
  String(rawPort),
]);
await new Promise((resolve) => raw.once('message', resolve));
const results = [];
let seeded = false;
try {
  for (let round = 0; round < rounds; round++) {
    results.push(await measure('raw node:http + ONNX', raw.pid, `http://127.0.0.1:${rawPort}/`));
    for (const [name, dir, extra] of variants) {
      const port = await freePort();
      const app = spawn(process.execPath, [join(dir, 'dist/src/main.js')], {
        env: { ...env, ...extra, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitFor(`http://127.0.0.1:${port}/health/ready`);
      if (!seeded) {
        const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
          env: { ...env, PORT: '0' },
          stdio: 'ignore',
        });
        await new Promise((resolve) => seed.on('exit', resolve));
        seeded = true;
      }
      results.push(
        await measure(name, app.pid, `http://127.0.0.1:${port}/api/v1/predictions/score`),
      );
      app.kill('SIGTERM');
      await new Promise((resolve) => app.once('exit', resolve));
    }
  }
  console.table(results);
} finally {
  raw.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await admin(`drop database if exists "${database}" with (force)`);
}
