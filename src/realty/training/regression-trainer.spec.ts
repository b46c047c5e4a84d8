import { describe, expect, it } from 'vitest';
import { paramProblems } from './regression-trainer';

describe('training parameters', () => {
  it('accepts the algorithm own parameters within range', () => {
    expect(paramProblems('gradient_boosting', { maxIterations: 50, learningRate: 0.2 })).toEqual(
      [],
    );
    expect(paramProblems('random_forest', {})).toEqual([]);
  });

  it('names unknown and out-of-range parameters', () => {
    expect(paramProblems('linear_regression', { nTrees: 5 })[0]).toMatch(
      /^unknown linear_regression parameters: nTrees/,
    );
    expect(paramProblems('gradient_boosting', { maxIterations: 0 })[0]).toMatch(
      /maxIterations must be/,
    );
  });
});
