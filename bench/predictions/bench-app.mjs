// What the predictions benchmarks share: a throw-away database, the compiled app started in production mode
// (auth, validation and request logging on), the seeds, autocannon runs and the result rows.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, runSql, unreachedRateLimits, waitFor } from '../support.mjs';

export { freePort, waitFor };

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seconds = Number(process.env.BENCH_SECONDS ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;

const admin = (sql) => runSql(postgres, sql);

export const load = (title, url, options = {}) =>
  new Promise((resolve, reject) => {
    autocannon(
      { title, url, connections, duration: seconds, pipelining: 1, ...options },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });

export const row = (name, r, baseline, comparable = true) => ({
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

/** A fresh database for one benchmark run, the app's environment for it, and its processes. */
export class BenchStack {
  children = [];

  static async create() {
    const stack = new BenchStack();
    stack.database = `mlp_bench_${Date.now()}`;
    const url = new URL(postgres);
    url.pathname = `/${stack.database}`;
    stack.databaseUrl = url.toString();
    await admin(`create database "${stack.database}"`);
    stack.env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PROCESS_ROLE: 'api',
      HOST: '127.0.0.1',
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: redis,
      REDIS_KEY_PREFIX: `mlpbench${Date.now()}`,
      DB_MIGRATE_ON_START: 'true',
      FIRST_SUPERUSER_API_KEY: apiKey,
      STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'info',
      ...unreachedRateLimits,
    };
    return stack;
  }

  track(child) {
    this.children.push(child);
    return child;
  }

  async startApp(extra = {}) {
    const port = await freePort();
    const app = this.track(
      spawn(
        process.execPath,
        [
          ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
          join(root, 'dist/src/main.js'),
        ],
        {
          env: { ...this.env, ...extra, PORT: String(port) },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      ),
    );
    await waitFor(`http://127.0.0.1:${port}/health/ready`);
    return { port, app };
  }

  async stopApp({ app }) {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
  }

  /** `seed <args>` of the CLI against this stack's database, e.g. `admin` (the admin's API key, `apiKey`). */
  async seed(...args) {
    const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed', ...args], {
      env: { ...this.env, PORT: '0' },
      stdio: 'ignore',
    });
    const code = await new Promise((resolve) => seed.on('exit', resolve));
    if (code !== 0) throw new Error(`seed ${args.join(' ')} exited with ${code}`);
  }

  /** The admin, catalogues and the demo data (300 predictions). */
  seedDemo() {
    return this.seed('--demo');
  }

  async dispose() {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await admin(`drop database if exists "${this.database}" with (force)`);
  }
}
