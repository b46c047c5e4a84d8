// HTTP part of the detections benchmark: the production build (auth, multipart upload hashed in memory,
// validation, toolkit lookup, detection, photo + boxes to storage, Redis cache), one request at a time.
// POST /api/v1/detections uncached (a different photo per request) and cached (the same photo again), then
// GET of each annotated image's URL: the first draws it, a second serves the stored JPEG. Each request is timed
// by the client and inside the server (server-timing.mjs); then a miss and a hit in process (service.mjs).
// Needs PostgreSQL and Redis (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
/* global FormData -- Node's built-in (undici) FormData */
import { Blob, Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, runSql, unreachedRateLimits, waitFor } from '../support.mjs';
import { benchmarkService } from './service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const postgres = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redis = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const admin = (sql) => runSql(postgres, sql);

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Server-side times of the app's requests, in order (requests are sent one at a time). */
const serverTimes = (app) => {
  const arrived = [];
  const waiting = [];
  app.on('message', (message) => {
    const next = waiting.shift();
    if (next) next(message.ms);
    else arrived.push(message.ms);
  });
  const next = () =>
    arrived.length > 0
      ? Promise.resolve(arrived.shift())
      : new Promise((resolve) => waiting.push(resolve));
  next.forget = () => arrived.splice(0);
  return next;
};

/**
 * Boots the app, seeds it (toolkit number 1 holds the eleven standard tools) and times detections over HTTP.
 * `photos`: [{ name, warmUp, images: Buffer[] }] — distinct photos of one size, each sent once uncached.
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
  const app = spawn(
    process.execPath,
    ['--import', join(here, 'server-timing.mjs'), join(root, 'dist/src/main.js')],
    { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const serverMs = serverTimes(app);
  const timed = async (send) => {
    const started = performance.now();
    const response = await send();
    const body = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${response.status}: ${body}`);
    return { ms, server: await serverMs(), body };
  };
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    serverMs.forget(); // the readiness polls
    const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
      env: { ...env, PORT: '0' },
      stdio: 'ignore',
    }).on('error', () => undefined);
    await new Promise((resolve) => seed.on('exit', resolve));
    const detect = async (image) => {
      const form = new FormData();
      form.set('toolkit_id', '1');
      form.set('confidence', '0.5');
      form.set('image', new Blob([image], { type: 'image/jpeg' }), 'kit.jpg');
      const result = await timed(() =>
        fetch(`http://127.0.0.1:${port}/api/v1/detections`, {
          method: 'POST',
          headers: { 'x-api-key': apiKey },
          body: form,
        }),
      );
      return { ...result, body: JSON.parse(result.body.toString()) };
    };
    const open = (url) => timed(() => fetch(`http://127.0.0.1:${port}${url}`));
    const rows = [];
    for (const photo of photos) {
      const warm = await detect(photo.warmUp); // first request of the process: JIT, connections, model caches
      await open(warm.body.annotatedImageUrl);
      const samples = { uncached: [], cached: [], firstGet: [], repeatGet: [] };
      const server = { uncached: [], cached: [], firstGet: [], repeatGet: [] };
      const inference = [];
      const urls = [];
      for (const image of photo.images) {
        const { ms, server: inServer, body } = await detect(image);
        if (body.cached) throw new Error('a first request was answered from the cache');
        samples.uncached.push(ms);
        server.uncached.push(inServer);
        inference.push(body.inferenceMs);
        urls.push(body.annotatedImageUrl);
      }
      for (let i = 0; i < photo.images.length; i++) {
        const { ms, server: inServer, body } = await detect(photo.images[0]);
        if (!body.cached) throw new Error('a repeated request was not answered from the cache');
        samples.cached.push(ms);
        server.cached.push(inServer);
      }
      for (const [kind, list] of [
        ['firstGet', urls],
        ['repeatGet', urls],
      ]) {
        for (const url of list) {
          const { ms, server: inServer, body } = await open(url);
          if (body[0] !== 0xff || body[1] !== 0xd8) throw new Error(`${url} is not a JPEG`);
          samples[kind].push(ms);
          server[kind].push(inServer);
        }
      }
      const medians = (set) =>
        Object.fromEntries(Object.entries(set).map(([kind, list]) => [kind, median(list)]));
      rows.push({
        name: photo.name,
        ...medians(samples),
        server: medians(server),
        inference: median(inference),
      });
    }
    const service = await benchmarkService({ ...env, PORT: '0' }, photos);
    return rows.map((row, i) => ({ ...row, service: service[i] }));
  } finally {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
    await admin(`drop database if exists "${database}" with (force)`);
    rmSync(storageDir, { recursive: true, force: true });
  }
}
