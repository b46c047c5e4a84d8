// Predictions benchmark: POST /score at 32 connections against the compiled app in production mode (auth,
// validation and request logging on), next to a raw node:http server doing the same model work, in the same run.
// Prints req/s, p50/p99 latency, the ratio to raw, and ONNX Runtime's own time per call from the registry
// counters. The list route has its own benchmark (list.mjs). Needs PostgreSQL and Redis (BENCH_POSTGRES_URL,
// BENCH_REDIS_URL).
//   npm run bench:predictions            (BENCH_SECONDS=10 by default; BENCH_CONNECTIONS=32)
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BenchStack, apiKey, connections, freePort, load, root, row } from './bench-app.mjs';

const body = JSON.stringify({ feature1: 71.5, feature2: 4.2, feature3: -1.8 });
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
  if (!Array.isArray(models))
    throw new Error(`GET /api/v1/inference/models: ${JSON.stringify(models)}`);
  return models.find((m) => m.name === 'vehicle-quality').versions.find((v) => v.active).stats;
};

const stack = await BenchStack.create();
try {
  const rawPort = await freePort();
  const raw = stack.track(
    fork(join(root, 'bench/predictions/raw-server.mjs'), [
      join(root, 'models/vehicle-quality/1.0.0.onnx'),
      String(rawPort),
    ]),
  );
  await new Promise((resolve) => raw.once('message', resolve));
  console.log(
    `${connections} connections, production build (auth, validation and request logging on)\n`,
  );
  await load('warm-up', `http://127.0.0.1:${rawPort}/`, { ...post, duration: 2 });
  const rawScore = await load('raw', `http://127.0.0.1:${rawPort}/`, post);

  const plain = await stack.startApp({ INFERENCE_MICRO_BATCH: 'false' });
  // The API key the load sends (without it every request would be a 401, and soon a 429).
  await stack.seed('admin');
  const scoreUrl = (port) => `http://127.0.0.1:${port}/api/v1/predictions/score`;
  await load('warm-up', scoreUrl(plain.port), { ...post, duration: 2 });
  const score = await load('score', scoreUrl(plain.port), post);
  const plainStats = await modelStats(plain.port);
  await stack.stopApp(plain);

  const batched = await stack.startApp({
    INFERENCE_MICRO_BATCH: 'true',
    INFERENCE_MICRO_BATCH_WINDOW_MS: '0',
  });
  await load('warm-up', scoreUrl(batched.port), { ...post, duration: 2 });
  const batchedScore = await load('score', scoreUrl(batched.port), post);
  await stack.stopApp(batched);

  console.table([
    row('raw node:http + ONNX (baseline)', rawScore),
    row('POST /api/v1/predictions/score, micro-batcher off', score, rawScore),
    row('POST …/score (default: micro-batcher on)', batchedScore, rawScore),
  ]);
  console.log(
    `\nONNX Runtime time per call (registry counters, micro-batcher off): p50 ${plainStats.p50Ms?.toFixed(3)} ms, ` +
      `p99 ${plainStats.p99Ms?.toFixed(3)} ms over ${plainStats.count} calls — includes waiting for the event loop at this load` +
      `\nper /score request at full load: ${(1000 / score.requests.average).toFixed(3)} ms of the single event loop` +
      `\n/score vs raw node:http: ${((100 * score.requests.average) / rawScore.requests.average).toFixed(0)}%, ` +
      `with the micro-batcher ${((100 * batchedScore.requests.average) / rawScore.requests.average).toFixed(0)}% (goal ≥ 50%)`,
  );
} finally {
  await stack.dispose();
}
