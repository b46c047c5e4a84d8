import { SeededRandom } from './seeded-random';

/** Row indices of a train/test split; both lists are in ascending order. */
export interface TrainTestSplit {
  train: number[];
  test: number[];
}

/**
 * Splits `count` rows at random: `round(count * testFraction)` rows go to the test part. The same seed gives the
 * same split.
 */
export function splitTrainTest(count: number, testFraction: number, seed: number): TrainTestSplit {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  }
  const order = new SeededRandom(seed).permutation(count);
  const testCount = Math.round(count * testFraction);
  const ascending = (a: number, b: number): number => a - b;
  return {
    train: order.slice(testCount).sort(ascending),
    test: order.slice(0, testCount).sort(ascending),
  };
}
