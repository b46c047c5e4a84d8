// HTTP part of the detections benchmark: POST /api/v1/detections on the production build (auth, multipart upload
// to a temp file, validation, toolkit lookup, detection, annotated JPEG to storage, Redis cache), one request at a
// time. Uncached: a different photo per request; cached: the same photo again. Needs PostgreSQL and Redis
// (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
/* global FormData -- Node's built-in (undici) FormData */
import { Blob } from 'node:buffer';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, runSql, unreachedRateLimits, waitFor } from '../support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const admin = (sql) => runSql(postgres, sql);

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/**
 * Boots the app, seeds it (toolkit number 1 holds the eleven standard tools) and times detections over HTTP.
 * `photos`: [{ name, images: Buffer[] }] — distinct photos of one size, each sent once uncached.
 */
export async function benchmarkHttp(photos) {
  const database = `mlp_bench_${Date.now()}`;
  const dbUrl = new URL(postgres);
  dbUrl.pathname = `/${database}`;
  await admin(`create database "${database}"`);
  const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-detections-http-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PROCESS_ROLE: 'api',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redis,
    REDIS_KEY_PREFIX: `mlpbench${Date.now()}`,
    DB_MIGRATE_ON_START: 'true',
    FIRST_SUPERUSER_API_KEY: apiKey,
    STORAGE_LOCAL_DIR: storageDir,
    STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...unreachedRateLimits,
  };
  const app = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`);
    const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
      env: { ...env, PORT: '0' },
      stdio: 'ignore',
    });
    await new Promise((resolve) => seed.on('exit', resolve));
    const detect = async (image) => {
      const form = new FormData();
      form.set('toolkit_id', '1');
      form.set('confidence', '0.5');
      form.set('image', new Blob([image], { type: 'image/jpeg' }), 'kit.jpg');
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/detections`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey },
        body: form,
      });
      const body = await response.json();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
      return { ms, body };
    };
    const rows = [];
    for (const photo of photos) {
      await detect(photo.warmUp); // first request of the process: JIT, connections, model caches
      const uncached = [];
      const inference = [];
      for (const image of photo.images) {
        const { ms, body } = await detect(image);
        if (body.cached) throw new Error('a first request was answered from the cache');
        uncached.push(ms);
        inference.push(body.inferenceMs);
      }
      const cached = [];
      for (let i = 0; i < photo.images.length; i++) {
        const { ms, body } = await detect(photo.images[0]);
        if (!body.cached) throw new Error('a repeated request was not answered from the cache');
        cached.push(ms);
      }
      rows.push({
        name: photo.name,
        uncached: median(uncached),
        cached: median(cached),
        inference: median(inference),
      });
    }
    return rows;
  } finally {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
    await admin(`drop database if exists "${database}" with (force)`);
    rmSync(storageDir, { recursive: true, force: true });
  }
}
