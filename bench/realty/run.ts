/**
 * Realty training benchmark: prints figures, asserts nothing.
 *
 * Run:  npm run bench:realty   (builds first: the worker-thread part runs dist/'s worker script)
 * Knobs: BENCH_SEED (default 42), BENCH_REPEATS (GBDT fit timings, default 3, least CPU time shown).
 *
 * On the Lucas County house sales (seeds/realty, 8 numeric features TLA, yrbuilt, beds, baths,
 * lotsize, garagesqft, x, y; price in $1000s; one seeded 80/20 split):
 *  1. histogram GBDT, 400 iterations, 31 leaves (no early stopping, and scikit-learn's default
 *     'auto' early stopping): holdout R², fit time on this thread (wall and CPU);
 *  2. random forest and linear regression: R², MAE, RMSE, fit time;
 *  3. prediction throughput on the holdout rows: ONNX Runtime (one batched run) vs the
 *     TypeScript evaluator (row by row);
 *  4. the main thread's event-loop delay (monitorEventLoopDelay, p99 and max) while a GBDT trains
 *     in the worker thread.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { InferenceSession } from 'onnxruntime-node';
import {
  FlatTreeEnsemble,
  TrainingOptions,
  TrainingOutcome,
  evaluateTreeEnsemble,
  featureTableFromRows,
  regressionMetrics,
  regressorFeeds,
  readRegressorFeatures,
  readOnnxMetadata,
  splitTrainTest,
  trainRegressor,
} from '../../libs/inference/src';
import { loadLucasCounty } from '../../libs/inference/src/testing/lucas-county';
import { fitGradientBoosting } from '../../libs/inference/src/training/regression/gradient-boosting';
import { resolveParams } from '../../libs/inference/src/training/regression/regression-params';
import { runTrainingInThread } from '../../src/realty/training/training-thread';

const SEED = Number(process.env.BENCH_SEED ?? 42);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

interface Row {
  name: string;
  r2: number;
  mae: number;
  rmse: number;
  wallS: number;
  cpuS: number;
  note: string;
}

function timed<T>(run: () => T): { value: T; wallS: number; cpuS: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wallS: (performance.now() - started) / 1000,
    cpuS: (used.user + used.system) / 1e6,
  };
}

/** The GBDT fit alone (what scikit-learn's fit time measures): the run with the least CPU time of REPEATS. */
function gbdtFit(data: ReturnType<typeof loadLucasCounty>, earlyStopping: boolean | 'auto'): Row {
  const table = featureTableFromRows(data);
  const { train, test } = splitTrainTest(table.target.length, 0.2, SEED);
  const columns = (rows: number[]): Float64Array[] =>
    table.columns.map((column) =>
      Float64Array.from(rows, (r) => (column.kind === 'numeric' ? column.values[r] : NaN)),
    );
  const trainColumns = columns(train);
  const y = Float64Array.from(train, (r) => table.target[r]);
  const params = resolveParams('gradient_boosting', { earlyStopping });
  let best: ReturnType<typeof timed<ReturnType<typeof fitGradientBoosting>>> | null = null;
  for (let i = 0; i < REPEATS; i++) {
    const run = timed(() => fitGradientBoosting(trainColumns, y, params, SEED));
    if (!best || run.cpuS < best.cpuS) best = run;
  }
  const fit = best!.value;
  const testColumns = columns(test);
  const row = new Float32Array(testColumns.length);
  const predicted = test.map((_, i) => {
    testColumns.forEach((column, f) => (row[f] = column[i]));
    return evaluateTreeEnsemble(fit.model, row)[0];
  });
  const metrics = regressionMetrics(
    test.map((r) => table.target[r]),
    predicted,
  );
  return {
    name: `GBDT fit, early stopping ${earlyStopping}`,
    ...metrics,
    wallS: best!.wallS,
    cpuS: best!.cpuS,
    note: `${fit.iterations} trees, best of ${REPEATS}`,
  };
}

function fullRun(
  data: ReturnType<typeof loadLucasCounty>,
  options: TrainingOptions,
): { row: Row; outcome: TrainingOutcome } {
  const run = timed(() => trainRegressor(data, options));
  const outcome = run.value;
  return {
    outcome,
    row: {
      name: `${options.algorithm} (whole run)`,
      ...outcome.metrics,
      wallS: run.wallS,
      cpuS: run.cpuS,
      note: `split+fit+metrics+ONNX, ${(outcome.onnx.length / 1024).toFixed(0)} KiB`,
    },
  };
}

async function onnxThroughput(
  outcome: TrainingOutcome,
  data: ReturnType<typeof loadLucasCounty>,
): Promise<number> {
  const rows = outcome.holdout.rowIndices.map((i) => data.rows[i]);
  const features = readRegressorFeatures(readOnnxMetadata(outcome.onnx).metadataProps);
  const session = await InferenceSession.create(outcome.onnx, { intraOpNumThreads: 1 });
  try {
    const feeds = regressorFeeds(features, rows);
    await session.run(feeds);
    const started = performance.now();
    let runs = 0;
    while (performance.now() - started < 1000) {
      await session.run(regressorFeeds(features, rows));
      runs++;
    }
    return (runs * rows.length) / ((performance.now() - started) / 1000);
  } finally {
    await session.release();
  }
}

/** Rows per second of one evaluator over the rows, measured for about a second. */
function rowsPerSecond(rows: Float32Array[], predict: (row: Float32Array) => number): number {
  let sink = 0;
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const row of rows) sink += predict(row);
    count += rows.length;
  }
  if (Number.isNaN(sink)) throw new Error('NaN prediction');
  return count / ((performance.now() - started) / 1000);
}

/** TypeScript evaluators of the same 400-tree GBDT: the packed one the trainer uses, and the generic one. */
function tsThroughput(data: ReturnType<typeof loadLucasCounty>): { flat: number; generic: number } {
  const table = featureTableFromRows(data);
  const { train, test } = splitTrainTest(table.target.length, 0.2, SEED);
  const values = (c: number): Float64Array => (table.columns[c] as { values: Float64Array }).values;
  const fit = fitGradientBoosting(
    table.columns.map((_, c) => Float64Array.from(train, (r) => values(c)[r])),
    Float64Array.from(train, (r) => table.target[r]),
    resolveParams('gradient_boosting', { earlyStopping: false }),
    SEED,
  );
  const rows = test.map((r) => Float32Array.from(table.columns, (_, c) => values(c)[r]));
  const flat = new FlatTreeEnsemble(fit.model);
  return {
    flat: rowsPerSecond(rows, (row) => flat.predict(row)),
    generic: rowsPerSecond(rows, (row) => evaluateTreeEnsemble(fit.model, row)[0]),
  };
}

async function eventLoopDelay(
  data: ReturnType<typeof loadLucasCounty>,
): Promise<{ p99Ms: number; maxMs: number; wallS: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  histogram.enable();
  await runTrainingInThread(data, {
    algorithm: 'gradient_boosting',
    seed: SEED,
    params: { earlyStopping: false },
  });
  histogram.disable();
  return {
    p99Ms: histogram.percentile(99) / 1e6,
    maxMs: histogram.max / 1e6,
    wallS: (performance.now() - started) / 1000,
  };
}

function table(rows: Row[], print: (line: string) => void): void {
  print(`| model | holdout R² | MAE | RMSE | wall s | CPU s | note |`);
  print(`|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    print(
      `| ${r.name} | ${r.r2.toFixed(4)} | ${r.mae.toFixed(2)} | ${r.rmse.toFixed(2)} | ${r.wallS.toFixed(2)} | ${r.cpuS.toFixed(2)} | ${r.note} |`,
    );
  }
}

export async function runRealtyBenchmark(
  print: (line: string) => void = console.log,
): Promise<void> {
  const data = loadLucasCounty();
  print(
    `Lucas County: ${data.rows.length} rows, features ${data.columns.map((c) => c.name).join(', ')}; seed ${SEED}`,
  );
  const rows: Row[] = [gbdtFit(data, false), gbdtFit(data, 'auto')];
  const gbdt = fullRun(data, {
    algorithm: 'gradient_boosting',
    seed: SEED,
    params: { earlyStopping: false },
  });
  rows.push(gbdt.row);
  rows.push(fullRun(data, { algorithm: 'random_forest', seed: SEED }).row);
  rows.push(fullRun(data, { algorithm: 'linear_regression', seed: SEED }).row);
  table(rows, print);
  const ort = await onnxThroughput(gbdt.outcome, data);
  const ts = tsThroughput(data);
  print(
    `\nGBDT prediction throughput on ${gbdt.outcome.holdout.rowIndices.length} holdout rows (one thread):`,
  );
  print(`  ONNX Runtime, one batched run: ${(ort / 1000).toFixed(0)}k rows/s`);
  print(
    `  TypeScript FlatTreeEnsemble (used by the trainer), row by row: ${(ts.flat / 1000).toFixed(0)}k rows/s`,
  );
  print(
    `  TypeScript evaluateTreeEnsemble (generic), row by row: ${(ts.generic / 1000).toFixed(0)}k rows/s`,
  );
  const loop = await eventLoopDelay(data);
  print(
    `\nMain-thread event-loop delay while GBDT (400 trees) trains in the worker thread (${loop.wallS.toFixed(2)} s):`,
  );
  print(`  p99 ${loop.p99Ms.toFixed(2)} ms, max ${loop.maxMs.toFixed(2)} ms`);
}
