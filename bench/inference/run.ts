/**
 * Inference benchmark: prints figures, asserts nothing.
 *
 * Run:  npx vitest run --config bench/inference/vitest.config.ts
 * (vitest is the TypeScript runner already installed; run.vitest.ts only calls
 * runInferenceBenchmark() below, which any TS runner can call too.)
 * Knobs: BENCH_ITERATIONS (default 2000), BENCH_CALLERS (default 64), BENCH_THREADS (intra-op, default 1).
 *
 * Measures, on a small MLP written with the project's ONNX writer:
 *  1. raw InferenceSession.run vs the same call through ModelRegistry (overhead), single row;
 *  2. one row vs a batch of 1024 rows per call (latency and cost per row);
 *  3. many concurrent single-row callers with and without the micro-batcher
 *     (throughput and per-request p50/p99).
 */
import { performance } from 'node:perf_hooks';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { MicroBatchOptions, ModelRegistry, buildMlpOnnx } from '../../libs/inference/src';
import { SeededRandom } from '../../libs/inference/src/testing/seeded-random';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 64);
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const FEATURES = 32;

interface Figures {
  medianMs: number;
  p99Ms: number;
}

function figures(samples: number[]): Figures {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { medianMs: at(0.5), p99Ms: at(0.99) };
}

/** Times two calls alternately, so drift (JIT, caches, CPU clock) hits both the same. */
async function timeInterleaved(
  iterations: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[Figures, Figures]> {
  for (let i = 0; i < Math.min(200, iterations); i++) await Promise.all([a(), b()]);
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let started = performance.now();
    await a();
    samplesA.push(performance.now() - started);
    started = performance.now();
    await b();
    samplesB.push(performance.now() - started);
  }
  return [figures(samplesA), figures(samplesB)];
}

async function timeSequential(iterations: number, call: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < Math.min(200, iterations); i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return figures(samples);
}

function benchModel(): Uint8Array {
  const random = new SeededRandom(42);
  return buildMlpOnnx({
    standardization: { mean: random.float32s(FEATURES), std: random.float32s(FEATURES, 0.5, 2) },
    layers: [
      { weights: random.matrix(64, FEATURES), bias: random.float32s(64), activation: 'relu' },
      { weights: random.matrix(32, 64), bias: random.float32s(32), activation: 'relu' },
      { weights: random.matrix(1, 32), bias: random.float32s(1), activation: 'identity' },
    ],
    outputSigmoid: true,
  });
}

function rowsTensor(random: SeededRandom, rows: number): Tensor {
  return new Tensor('float32', Float32Array.from(random.float32s(rows * FEATURES)), [
    rows,
    FEATURES,
  ]);
}

async function concurrentLoad(
  registry: ModelRegistry,
  version: string,
  feeds: { input: Tensor },
): Promise<{ throughput: number } & Figures> {
  const perCaller = Math.max(1, Math.floor(ITERATIONS / 4));
  const latencies: number[] = [];
  const caller = async (): Promise<void> => {
    for (let i = 0; i < perCaller; i++) {
      const started = performance.now();
      await registry.run('bench', feeds, { version });
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, caller)); // warm-up round
  latencies.length = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, caller));
  const seconds = (performance.now() - started) / 1000;
  return { throughput: latencies.length / seconds, ...figures(latencies) };
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;

export async function runInferenceBenchmark(
  print: (line: string) => void = console.log,
): Promise<void> {
  const bytes = benchModel();
  const random = new SeededRandom(7);
  const single = { input: rowsTensor(random, 1) };
  const batch = { input: rowsTensor(random, 1024) };
  print(
    `MLP ${FEATURES}-64-32-1, intra-op threads ${THREADS}, ${ITERATIONS} iterations, ${CALLERS} callers`,
  );

  const session = await InferenceSession.create(bytes, { intraOpNumThreads: THREADS });
  const registry = new ModelRegistry({ intraOpThreads: THREADS });
  try {
    await registry.load('bench', 'plain', bytes, { microBatch: false });
    const [raw, viaRegistry] = await timeInterleaved(
      ITERATIONS,
      () => session.run(single),
      () => registry.run('bench', single),
    );
    print('\n1. Overhead of the registry (single row, sequential)');
    print(`   session.run     median ${ms(raw.medianMs)}  p99 ${ms(raw.p99Ms)}`);
    print(`   registry.run    median ${ms(viaRegistry.medianMs)}  p99 ${ms(viaRegistry.p99Ms)}`);
    print(`   overhead        median ${ms(viaRegistry.medianMs - raw.medianMs)}`);

    const one = await timeSequential(ITERATIONS, () => registry.run('bench', single));
    const many = await timeSequential(Math.max(20, ITERATIONS / 20), () =>
      registry.run('bench', batch),
    );
    print('\n2. Single row vs batch of 1024 (through the registry)');
    print(`   1 row           median ${ms(one.medianMs)}  p99 ${ms(one.p99Ms)}`);
    print(`   1024 rows       median ${ms(many.medianMs)}  p99 ${ms(many.p99Ms)}`);
    const perRow = (1000 * many.medianMs) / 1024;
    print(`   cost per row    ${(1000 * one.medianMs).toFixed(1)} µs vs ${perRow.toFixed(2)} µs`);

    print(`\n3. ${CALLERS} concurrent single-row callers`);
    const configs: [string, MicroBatchOptions | false][] = [
      ['batching off', false],
      ['window 0 ms, max 64', { enabled: true, windowMs: 0, maxBatch: 64 }],
      ['window 1 ms, max 64', { enabled: true, windowMs: 1, maxBatch: 64 }],
      ['window 2 ms, max 256', { enabled: true, windowMs: 2, maxBatch: 256 }],
    ];
    for (const [label, microBatch] of configs) {
      await registry.load('bench', label, bytes, { microBatch });
      const load = await concurrentLoad(registry, label, single);
      print(
        `   ${label.padEnd(22)} ${load.throughput.toFixed(0).padStart(7)} req/s  p50 ${ms(load.medianMs)}  p99 ${ms(load.p99Ms)}`,
      );
      await registry.unload('bench', label);
    }
  } finally {
    await registry.close();
    await session.release();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  runInferenceBenchmark().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
