// HTTP part of the detections benchmark: the production build (auth, multipart upload hashed in memory,
// validation, toolkit lookup, detection, photo + boxes to storage, Redis cache), one request at a time. Per photo,
// interleaved in one phase so that the machine's drift hits all alike: the in-process core (the production
// ToolDetector on its own registry: decode + letterbox, ONNX run, decode + NMS), POST /api/v1/detections uncached
// (a photo never sent), the same photo again (cached), and the same upload to a bare node:http server (the
// transport floor, bare-server.mjs); then cached repeats back to back. The client is node:http over a kept-alive connection with each multipart body
// built once per photo (multipart-client.mjs), not fetch + FormData, so the client adds little of its own. Then the
// GETs of the annotated images (the first draws, a second serves the stored JPEG). Each request is timed by the
// client and inside the server (server-timing.mjs); then a miss and a hit in process (service.mjs).
// Needs PostgreSQL and Redis (BENCH_POSTGRES_URL, BENCH_REDIS_URL). BENCH_EXTRA_IMPORT=/path/to/hook.mjs preloads one more
// module into the app (e.g. a diagnostics_channel hook that times phases of a request).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, runSql, unreachedRateLimits, waitFor } from '../support.mjs';
import { cachedDuringDetections } from './concurrent.mjs';
import { httpClient, multipartUpload } from './multipart-client.mjs';
import { benchConfig, loadToolDetector } from './pipeline.mjs';
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
  /** Waits for the times of `count` requests and drops them (some may come after their responses). */
  next.skip = async (count) => {
    for (let i = 0; i < count; i++) await next();
  };
  return next;
};

const upload = (image, confidence = '0.5') =>
  multipartUpload(
    { toolkit_id: '1', confidence },
    { field: 'image', filename: 'kit.jpg', type: 'image/jpeg', bytes: image },
  );

/** A Node process preloaded with server-timing.mjs, whose requests' in-server times come back in order. */
const serve = (script, env, nodeOptions = [], showOutput = false) => {
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '--import',
      join(here, 'server-timing.mjs'),
      ...(process.env.BENCH_EXTRA_IMPORT ? ['--import', process.env.BENCH_EXTRA_IMPORT] : []),
      script,
    ],
    { env, stdio: ['ignore', showOutput ? 'inherit' : 'ignore', 'inherit', 'ipc'] },
  );
  return { child, serverMs: serverTimes(child) };
};

const stop = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
};

/**
 * Boots the app, seeds it (toolkit number 1 holds the eleven standard tools) and times detections over HTTP next to
 * the in-process core and the bare transport. `photos`: [{ name, warmUp, images: Buffer[] }] — distinct photos of
 * one size, each sent once uncached. The app, the core and the service load their models from `modelsDir`.
 */
export async function benchmarkHttp(photos, modelsDir) {
  const database = `mlp_bench_${Date.now()}`;
  const dbUrl = new URL(postgres);
  dbUrl.pathname = `/${database}`;
  await admin(`create database "${database}"`);
  const apiKey = `mlp_bench_${randomBytes(16).toString('hex')}`;
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-detections-http-'));
  const [port, barePort] = [await freePort(), await freePort()];
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
    MODELS_DIR: modelsDir,
    STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(process.env.INFERENCE_OWN_THREAD_MODELS && {
      INFERENCE_OWN_THREAD_MODELS: process.env.INFERENCE_OWN_THREAD_MODELS,
    }),
    ...unreachedRateLimits,
  };
  // BENCH_PROF=1: the app writes a CPU profile to /tmp/prof when it stops.
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [];
  // BENCH_NODE_FLAGS="--trace-gc ...": more flags for the app's Node (its standard output then shown).
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const { child: app, serverMs } = serve(
    join(root, 'dist/src/main.js'),
    env,
    [...profile, ...flags],
    flags.length > 0,
  );
  const bare = serve(join(here, 'bare-server.mjs'), {
    PATH: process.env.PATH,
    PORT: String(barePort),
  });
  const client = httpClient(port);
  const secondClient = httpClient(port);
  const bareClient = httpClient(barePort);
  const core = await loadToolDetector(benchConfig(storageDir, modelsDir));
  const timed = async (request, times) => {
    const response = await request;
    if (response.status !== 200) throw new Error(`${response.status}: ${response.body}`);
    return { ms: response.ms, server: await times(), body: response.body };
  };
  const detect = async ({ body, headers }) => {
    const result = await timed(
      client.send('POST', '/api/v1/detections', { ...headers, 'x-api-key': apiKey }, body),
      serverMs,
    );
    return { ...result, body: JSON.parse(result.body.toString()) };
  };
  const floor = ({ body, headers }) =>
    timed(bareClient.send('POST', '/api/v1/detections', headers, body), bare.serverMs);
  const inProcess = async (image) => {
    const started = performance.now();
    const outcome = await core.detector.detect(image, { confidence: 0.5 });
    return { ms: performance.now() - started, inferenceMs: outcome.timings.inferenceMs };
  };
  const open = (url) => timed(client.send('GET', url), serverMs);
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`);
    await waitFor(`http://127.0.0.1:${barePort}/`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    serverMs.forget(); // the readiness polls
    bare.serverMs.forget();
    const seed = spawn(process.execPath, [join(root, 'dist/src/cli.js'), 'seed'], {
      env: { ...env, PORT: '0' },
      stdio: 'ignore',
    }).on('error', () => undefined);
    await new Promise((resolve) => seed.on('exit', resolve));
    const rows = [];
    for (const photo of photos) {
      const uploads = photo.images.map((image) => upload(image));
      // First requests of the process (JIT, connections, model caches), each path twice.
      const warmUp = upload(photo.warmUp);
      const warm = await detect(warmUp);
      await detect(warmUp);
      await open(warm.body.annotatedImageUrl);
      for (let i = 0; i < 3; i++) {
        await inProcess(photo.warmUp);
        await floor(warmUp);
      }
      const kinds = ['core', 'uncached', 'cached', 'burst', 'floor', 'firstGet', 'repeatGet'];
      const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
      const server = Object.fromEntries(kinds.map((kind) => [kind, []]));
      const inference = { core: [], server: [] };
      const pairRatio = [];
      const urls = [];
      for (const [i, image] of photo.images.entries()) {
        const inCore = await inProcess(image);
        const first = await detect(uploads[i]);
        if (first.body.cached) throw new Error('a first request was answered from the cache');
        const again = await detect(uploads[i]);
        if (!again.body.cached)
          throw new Error('a repeated request was not answered from the cache');
        const bareRun = await floor(uploads[i]);
        samples.core.push(inCore.ms);
        inference.core.push(inCore.inferenceMs);
        inference.server.push(first.body.inferenceMs);
        pairRatio.push(first.ms / inCore.ms);
        for (const [kind, result] of [
          ['uncached', first],
          ['cached', again],
          ['floor', bareRun],
        ]) {
          samples[kind].push(result.ms);
          server[kind].push(result.server);
        }
        urls.push(first.body.annotatedImageUrl);
      }
      // Repeats back to back, as a client retrying or a page reloading sends them: a cached answer that does not
      // come right after a detection (whose leftovers, the cache write and its garbage, the interleaved one meets).
      for (const _ of photo.images) {
        const { ms, server: inServer, body } = await detect(uploads[0]);
        if (!body.cached) throw new Error('a repeated request was not answered from the cache');
        samples.burst.push(ms);
        server.burst.push(inServer);
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
      // Cached repeats on a second connection while new detections (the photos with another confidence floor: new
      // cache keys) run one after another on the first.
      const post = async (via, { body, headers }) => {
        const response = await via.send(
          'POST',
          '/api/v1/detections',
          { ...headers, 'x-api-key': apiKey },
          body,
        );
        if (response.status !== 200) throw new Error(`${response.status}: ${response.body}`);
        return { ms: response.ms, cached: JSON.parse(response.body.toString()).cached };
      };
      const fresh = photo.images.map((image, i) =>
        upload(image, (0.5 + (i + 1) / 10_000).toFixed(4)),
      );
      const during = await cachedDuringDetections(
        (i) => post(client, fresh[i]),
        () => post(secondClient, uploads[0]),
        fresh.length,
      );
      await serverMs.skip(during.requests);
      const medians = (set) =>
        Object.fromEntries(Object.entries(set).map(([kind, list]) => [kind, median(list)]));
      rows.push({
        name: photo.name,
        ...medians(samples),
        server: medians(server),
        inference: medians(inference),
        pairRatio: median(pairRatio),
        during,
      });
    }
    const service = await benchmarkService({ ...env, PORT: '0' }, photos);
    return rows.map((row, i) => ({ ...row, service: service[i] }));
  } finally {
    client.close();
    secondClient.close();
    bareClient.close();
    await core.registry.close();
    await stop(app);
    await stop(bare.child);
    await admin(`drop database if exists "${database}" with (force)`);
    rmSync(storageDir, { recursive: true, force: true });
  }
}
