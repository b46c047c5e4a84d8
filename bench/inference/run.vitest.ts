// Entry used by `npx vitest run --config bench/inference/vitest.config.ts`: runs the benchmark
// and lets it print. No assertions: figures depend on the machine.
import { test } from 'vitest';
import { runInferenceBenchmark } from './run';

test('inference benchmark', () => runInferenceBenchmark(), 600_000);
