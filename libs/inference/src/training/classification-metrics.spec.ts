import { describe, expect, it } from 'vitest';
import {
  binaryClassificationMetrics,
  metricsFromConfusion,
  rocAuc,
} from './classification-metrics';
import { SeededRandom } from './seeded-random';

/** AUC by comparing every positive with every negative, ties counting one half. */
function pairwiseAuc(actual: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  actual.forEach((a, i) => {
    if (a !== 1) return;
    actual.forEach((b, j) => {
      if (b !== 0) return;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('binaryClassificationMetrics', () => {
  it('computes the confusion matrix and ratios of a hand-checked example', () => {
    const actual = [1, 1, 1, 0, 0, 0, 0, 1];
    const predicted = [1, 0, 1, 0, 1, 1, 0, 1];

    const metrics = binaryClassificationMetrics(actual, predicted);

    expect(metrics.confusionMatrix).toEqual({
      truePositive: 3,
      falsePositive: 2,
      trueNegative: 2,
      falseNegative: 1,
    });
    expect(metrics.count).toBe(8);
    expect(metrics.positives).toBe(4);
    expect(metrics.accuracy).toBe(5 / 8);
    expect(metrics.precision).toBe(3 / 5);
    expect(metrics.recall).toBe(3 / 4);
    expect(metrics.f1).toBeCloseTo(2 / 3, 12);
    expect(metrics.auc).toBeNull();
  });

  it('adds the ROC AUC when scores are given', () => {
    const metrics = binaryClassificationMetrics(
      [1, 0, 1, 0, 0],
      [1, 0, 0, 1, 0],
      [0.8, 0.3, 0.4, 0.6, 0.2],
    );
    // Positive 0.8 beats all three negatives, positive 0.4 beats two of them: 5 of 6 pairs.
    expect(metrics.auc).toBeCloseTo(5 / 6, 12);
  });

  it('reports null instead of NaN when a ratio has nothing to count', () => {
    expect(binaryClassificationMetrics([1, 0, 0], [0, 0, 0])).toMatchObject({
      accuracy: 2 / 3,
      precision: null,
      recall: 0,
      f1: 0,
    });
    expect(binaryClassificationMetrics([0, 0], [0, 0])).toMatchObject({
      accuracy: 1,
      precision: null,
      recall: null,
      f1: null,
    });
    expect(binaryClassificationMetrics([], [], [])).toMatchObject({
      count: 0,
      accuracy: null,
      auc: null,
    });
  });

  it('rejects mismatched lengths and labels other than 0 and 1', () => {
    expect(() => binaryClassificationMetrics([1, 0], [1])).toThrow(/2 actual labels but 1/);
    expect(() => binaryClassificationMetrics([1, 2], [1, 0])).toThrow(/actual\[1\] is 2/);
    expect(() => binaryClassificationMetrics([1, 0], [0.5, 0])).toThrow(/predicted\[0\]/);
    expect(() => binaryClassificationMetrics([1, 0], [1, 0], [0.3])).toThrow(/2 labels but 1/);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.7, 0.9])).toBe(0);
  });

  it('is 0.5 when every score is the same', () => {
    expect(rocAuc([0, 1, 0, 1, 1], [0.4, 0.4, 0.4, 0.4, 0.4])).toBe(0.5);
  });

  it('counts tied positive/negative pairs as one half', () => {
    // Pairs: 0.5>0.1, 0.5=0.5 (half), 0.9>0.1, 0.9>0.5 -> 3.5 of 4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9])).toBe(0.875);
  });

  it('agrees with the pairwise definition on random scores with many ties', () => {
    const random = new SeededRandom(21);
    const actual = Array.from({ length: 300 }, () => random.int(2));
    const scores = Array.from({ length: 300 }, () => random.int(6) / 5);
    expect(rocAuc(actual, scores)).toBeCloseTo(pairwiseAuc(actual, scores), 12);
  });

  it('is null when only one class occurs and rejects non-finite scores', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
    expect(() => rocAuc([1, 0], [0.2, Number.NaN])).toThrow(/scores\[1\] is NaN/);
  });
});

describe('metricsFromConfusion', () => {
  it('gives the same figures as counting the rows, without AUC', () => {
    const matrix = { truePositive: 30, falsePositive: 10, trueNegative: 50, falseNegative: 10 };
    expect(metricsFromConfusion(matrix)).toMatchObject({
      count: 100,
      positives: 40,
      accuracy: 0.8,
      precision: 0.75,
      recall: 0.75,
      auc: null,
    });
    expect(metricsFromConfusion(matrix).f1).toBeCloseTo(0.75, 12);
    expect(
      metricsFromConfusion({
        truePositive: 0,
        falsePositive: 0,
        trueNegative: 0,
        falseNegative: 0,
      }),
    ).toMatchObject({
      count: 0,
      accuracy: null,
      precision: null,
      recall: null,
      f1: null,
    });
  });
});
