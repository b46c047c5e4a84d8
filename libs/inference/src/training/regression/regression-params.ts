import { GRADIENT_BOOSTING_DEFAULTS } from './gradient-boosting';
import { LINEAR_REGRESSION_DEFAULTS } from './linear-regression';
import { RANDOM_FOREST_DEFAULTS } from './random-forest';
import { ALGORITHMS, Algorithm, AlgorithmParams, TrainingOptions } from './regression-types';

export class TrainingParamsError extends Error {
  override readonly name = 'TrainingParamsError';
}

export const ALGORITHM_DEFAULTS: { readonly [A in Algorithm]: AlgorithmParams[A] } = {
  gradient_boosting: GRADIENT_BOOSTING_DEFAULTS,
  random_forest: RANDOM_FOREST_DEFAULTS,
  linear_regression: LINEAR_REGRESSION_DEFAULTS,
};

/** [min, max, integer] of each numeric parameter. */
const RANGES: Record<string, [number, number, boolean]> = {
  maxIterations: [1, 10_000, true],
  learningRate: [1e-6, 10, false],
  maxLeafNodes: [2, 4096, true],
  maxDepth: [0, 64, true],
  minSamplesLeaf: [1, 1e9, true],
  l2Regularization: [0, 1e9, false],
  maxBins: [2, 255, true],
  validationFraction: [0.01, 0.9, false],
  nIterNoChange: [1, 10_000, true],
  tolerance: [0, 1e9, false],
  nTrees: [1, 2000, true],
  maxFeatures: [1e-6, 1, false],
  ridge: [0, 1e9, false],
};

/** The algorithm's defaults overridden by `options.params` (only its own keys), validated. */
export function resolveParams<A extends Algorithm>(
  algorithm: A,
  overrides: TrainingOptions['params'] = {},
): AlgorithmParams[A] {
  if (!ALGORITHMS.includes(algorithm)) {
    throw new TrainingParamsError(
      `unknown algorithm ${JSON.stringify(algorithm)}; expected one of ${ALGORITHMS.join(', ')}`,
    );
  }
  const params: Record<string, unknown> = { ...ALGORITHM_DEFAULTS[algorithm] };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || !(key in params)) continue;
    if (key === 'earlyStopping') {
      if (value !== 'auto' && typeof value !== 'boolean') {
        throw new TrainingParamsError(`earlyStopping must be true, false or "auto"`);
      }
    } else {
      const [min, max, integer] = RANGES[key];
      if (
        typeof value !== 'number' ||
        !(value >= min && value <= max) ||
        (integer && !Number.isInteger(value))
      ) {
        throw new TrainingParamsError(
          `${key} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
        );
      }
    }
    params[key] = value;
  }
  return params as unknown as AlgorithmParams[A];
}
