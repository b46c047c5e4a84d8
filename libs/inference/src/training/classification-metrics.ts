/** Counts of a binary classifier's outcomes; class 1 is the positive class. */
export interface ConfusionMatrix {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
}

/**
 * Quality of binary predictions. A ratio whose denominator is zero is null (e.g. precision when nothing was
 * predicted positive), never NaN, so the result serialises to JSON as is.
 */
export interface BinaryClassificationMetrics {
  count: number;
  /** Rows whose actual class is 1. */
  positives: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  /** 2·TP / (2·TP + FP + FN). */
  f1: number | null;
  /** Area under the ROC curve; null without scores or when only one class occurs. */
  auc: number | null;
  confusionMatrix: ConfusionMatrix;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

function checkLabels(name: string, labels: readonly number[]): void {
  const bad = labels.findIndex((label) => label !== 0 && label !== 1);
  if (bad >= 0) throw new RangeError(`${name}[${bad}] is ${labels[bad]}, expected 0 or 1`);
}

/**
 * ROC AUC by ranks (Mann-Whitney U): the probability that a random positive scores above a random negative, ties
 * counting one half. Equals the trapezoidal area under the ROC curve. Null when either class is absent.
 */
export function rocAuc(actual: readonly number[], scores: readonly number[]): number | null {
  if (actual.length !== scores.length) {
    throw new RangeError(`${actual.length} labels but ${scores.length} scores`);
  }
  checkLabels('actual', actual);
  const bad = scores.findIndex((score) => !Number.isFinite(score));
  if (bad >= 0) throw new RangeError(`scores[${bad}] is ${scores[bad]}, expected a finite number`);
  const positives = actual.filter((label) => label === 1).length;
  const negatives = actual.length - positives;
  if (positives === 0 || negatives === 0) return null;

  const order = actual.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]] === scores[order[start]]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start..end-1, 1-based
    for (let k = start; k < end; k++) if (actual[order[k]] === 1) positiveRankSum += averageRank;
    start = end;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Accuracy, precision, recall, F1, confusion matrix and (given scores, e.g. probabilities) ROC AUC of binary
 * predictions. `actual` and `predicted` hold 0 or 1 per row.
 */
export function binaryClassificationMetrics(
  actual: readonly number[],
  predicted: readonly number[],
  scores?: readonly number[],
): BinaryClassificationMetrics {
  if (actual.length !== predicted.length) {
    throw new RangeError(`${actual.length} actual labels but ${predicted.length} predictions`);
  }
  checkLabels('actual', actual);
  checkLabels('predicted', predicted);
  const matrix: ConfusionMatrix = {
    truePositive: 0,
    falsePositive: 0,
    trueNegative: 0,
    falseNegative: 0,
  };
  actual.forEach((label, i) => {
    if (predicted[i] === 1) matrix[label === 1 ? 'truePositive' : 'falsePositive']++;
    else matrix[label === 1 ? 'falseNegative' : 'trueNegative']++;
  });
  return {
    ...metricsFromConfusion(matrix),
    auc: scores === undefined ? null : rocAuc(actual, scores),
  };
}

/**
 * Accuracy, precision, recall and F1 of the positive class from confusion counts (e.g. counted in SQL);
 * `auc` is null because counts carry no scores.
 */
export function metricsFromConfusion(matrix: ConfusionMatrix): BinaryClassificationMetrics {
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = matrix;
  const count = tp + fp + tn + fn;
  return {
    count,
    positives: tp + fn,
    accuracy: ratio(tp + tn, count),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    auc: null,
    confusionMatrix: { ...matrix },
  };
}
