import {
  BinaryClassificationMetrics,
  MlpModel,
  binaryClassificationMetrics,
  evaluateMlp,
  splitTrainTest,
  trainMlpClassifier,
} from '@app/inference';
import { createHash } from 'node:crypto';
import { datasetCsv, failureProbability, generateDataset } from './data-rule';
import {
  ACCEPTED_ACCURACY,
  DATA_SEED,
  ROW_COUNT,
  SPLIT_SEED,
  TEST_FRACTION,
  THRESHOLD,
  TRAINER,
} from './training-settings';

/** Row count and class balance of one part of the data set. */
export interface PartSummary {
  rows: number;
  failures: number;
}

export interface TrainingReport {
  model: MlpModel;
  csvSha256: string;
  dataset: { all: PartSummary; train: PartSummary; test: PartSummary };
  /** Held-out rows as float32 (what an ONNX feed holds), with the probabilities evaluateMlp gives for them. */
  heldOut: { rows: number[][]; probabilities: number[] };
  metrics: BinaryClassificationMetrics;
  /** Accuracy of the labelling rule itself on the held-out rows (predict 1 when P(fail) ≥ 0.5): the ceiling. */
  ruleAccuracy: number;
  finalTrainingLoss: number;
}

const summary = (labels: readonly number[]): PartSummary => ({
  rows: labels.length,
  failures: labels.filter((label) => label === 1).length,
});

/** Generates the data set, trains on 80 %, evaluates on the held-out 20 %. Pure and deterministic. */
export function runTraining(): TrainingReport {
  const dataset = generateDataset(ROW_COUNT, DATA_SEED);
  const split = splitTrainTest(ROW_COUNT, TEST_FRACTION, SPLIT_SEED);
  const pick = (indices: number[]) => ({
    rows: indices.map((i) => dataset.rows[i]),
    labels: indices.map((i) => dataset.labels[i]),
  });
  const train = pick(split.train);
  const test = pick(split.test);

  const { model, epochLosses } = trainMlpClassifier(train.rows, train.labels, TRAINER);
  const heldOutRows = test.rows.map((row) => row.map(Math.fround));
  const probabilities = heldOutRows.map((row) => evaluateMlp(model, row)[0]);
  const predicted = probabilities.map((p) => (p >= THRESHOLD ? 1 : 0));
  const metrics = binaryClassificationMetrics(test.labels, predicted, probabilities);

  const ruleHits = test.rows.filter(
    (row, i) => (failureProbability(row) >= 0.5 ? 1 : 0) === test.labels[i],
  ).length;

  const accuracy = metrics.accuracy ?? 0;
  if (accuracy < ACCEPTED_ACCURACY.min || accuracy > ACCEPTED_ACCURACY.max) {
    throw new Error(
      `held-out accuracy ${accuracy.toFixed(4)} is outside the accepted range ` +
        `${ACCEPTED_ACCURACY.min}–${ACCEPTED_ACCURACY.max}`,
    );
  }
  return {
    model,
    csvSha256: createHash('sha256').update(datasetCsv(dataset), 'utf8').digest('hex'),
    dataset: {
      all: summary(dataset.labels),
      train: summary(train.labels),
      test: summary(test.labels),
    },
    heldOut: { rows: heldOutRows, probabilities },
    metrics,
    ruleAccuracy: ruleHits / test.rows.length,
    finalTrainingLoss: epochLosses[epochLosses.length - 1],
  };
}
