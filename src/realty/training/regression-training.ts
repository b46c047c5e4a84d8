/**
 * The training engine's vocabulary as the realty module uses it (the engine is @app/inference's
 * training/regression; it runs in a worker thread, see training-thread.ts).
 */
import { ALGORITHMS, type Algorithm } from '@app/inference';

export const REALTY_ALGORITHMS = ALGORITHMS;
export type RealtyAlgorithm = Algorithm;

/** Holdout metrics as a run and a version record them. */
export interface RegressionMetrics {
  r2: number;
  mae: number;
  rmse: number;
}
