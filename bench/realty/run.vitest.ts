// Entry used by `npm run bench:realty`: runs the benchmark and lets it print. No assertions:
// figures depend on the machine.
import { test } from 'vitest';
import { runRealtyBenchmark } from './run';

test('realty training benchmark', () => runRealtyBenchmark(), 600_000);
