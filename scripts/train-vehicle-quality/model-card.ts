import { FEATURES, LABEL_RULE } from './data-rule';
import { markdownTable } from './markdown-table';
import { ONNX_TOLERANCE } from './onnx-export';
import type { PartSummary, TrainingReport } from './training-run';
import {
  ACCEPTED_ACCURACY,
  DATA_SEED,
  MODEL_NAME,
  MODEL_VERSION,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  ROW_COUNT,
  SPLIT_SEED,
  TEST_FRACTION,
  THRESHOLD,
  TRAINED_ON,
  TRAINER,
  trainerSummary,
} from './training-settings';

const f4 = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));

const partRow = (name: string, part: PartSummary): string[] => [
  name,
  String(part.rows),
  String(part.failures),
  String(part.rows - part.failures),
  f4(part.failures / part.rows),
];

function inputsSection(report: TrainingReport): string[] {
  const scaling = report.model.standardization;
  return [
    '## Inputs and output',
    '',
    `ONNX input \`${ONNX_INPUT_NAME}\`: float32 \`[batch, 3]\`, raw values in the units below, in this order.`,
    `ONNX output \`${ONNX_OUTPUT_NAME}\`: float32 \`[batch, 1]\`, the probability that the vehicle fails inspection.`,
    `The API predicts \`predictionResult = 1\` when the probability is ≥ ${THRESHOLD}.`,
    '',
    ...markdownTable(
      [
        'field',
        'meaning',
        'unit',
        'training distribution',
        'valid range',
        'standardised with mean / std',
      ],
      FEATURES.map((f, i) => [
        f.column,
        f.description,
        f.unit,
        `Normal(${f.mean}, ${f.std}) clipped, ${f.decimals} decimal${f.decimals === 1 ? '' : 's'}`,
        `${f.min} to ${f.max}`,
        `${f4(scaling?.mean[i] ?? null)} / ${f4(scaling?.std[i] ?? null)}`,
      ]),
    ),
    '',
    'Standardisation `(x − mean) / std` (mean and std of the training split) is part of the ONNX graph, so',
    'callers send raw sensor values. Feature names, units, ranges and the threshold are also in the ONNX',
    '`metadata_props`.',
  ];
}

function dataSection(report: TrainingReport): string[] {
  const { all, train, test } = report.dataset;
  return [
    '## Data: synthetic, from a documented rule',
    '',
    `${ROW_COUNT} vehicles are generated with the seeded PRNG of \`@app/inference\` (mulberry32, seed ${DATA_SEED}).`,
    'Per vehicle, feature1, feature2 and feature3 are drawn as in the table above (Box-Muller normal, clipped to',
    'the range, rounded to the sensor resolution), then the label is drawn from the rule',
    '(T, V, τ = feature1, feature2, feature3):',
    '',
    '```',
    ...LABEL_RULE.split('; '),
    '```',
    '',
    'Hot spindles, strong vibration (worse when both occur) and large torque deviations in either direction',
    'raise the failure probability. The label is a random draw, so even the rule itself cannot predict every',
    `label: on the held-out rows it reaches accuracy ${f4(report.ruleAccuracy)}, the ceiling for any model.`,
    '',
    `Split: ${Math.round(TEST_FRACTION * 100)} % of the rows, chosen at random (seed ${SPLIT_SEED}), are held out and never seen in training.`,
    '',
    ...markdownTable(
      ['part', 'rows', 'fails (1)', 'passes (0)', 'failure rate'],
      [partRow('all', all), partRow('training', train), partRow('held out', test)],
    ),
    '',
    'The data set as CSV (header `feature1,feature2,feature3,label`, LF line ends) has SHA-256',
    `\`${report.csvSha256}\` (also in the ONNX metadata as \`training_data_sha256\`).`,
  ];
}

function trainingSection(report: TrainingReport): string[] {
  const hidden = TRAINER.hiddenSizes.join(' → ');
  return [
    '## Training',
    '',
    ...markdownTable(
      ['setting', 'value'],
      [
        ['layers', `3 → ${hidden} (${TRAINER.hiddenActivation}) → 1 (sigmoid)`],
        [
          'initialisation',
          `${TRAINER.hiddenActivation === 'relu' ? 'He' : 'Glorot'}-uniform weights, zero biases`,
        ],
        ['loss', 'binary cross-entropy'],
        ['optimiser', `Adam, learning rate ${TRAINER.learningRate}, β1 0.9, β2 0.999, ε 1e-8`],
        ['L2 penalty on weights', String(TRAINER.l2 ?? 0)],
        ['mini-batch / epochs', `${TRAINER.batchSize} / ${TRAINER.epochs} (shuffled every epoch)`],
        ['seed (initialisation and shuffling)', String(TRAINER.seed)],
        ['final training loss', f4(report.finalTrainingLoss)],
      ],
    ),
    '',
    'Trainer: `trainMlpClassifier` in `libs/inference/src/training/`; export: `buildMlpOnnx` (float32 weights).',
    `Summary stored in the ONNX metadata as \`trainer\`: ${trainerSummary()}.`,
  ];
}

function metricsSection(report: TrainingReport): string[] {
  const m = report.metrics;
  const c = m.confusionMatrix;
  return [
    `## Held-out metrics (${m.count} vehicles, threshold ${THRESHOLD})`,
    '',
    ...markdownTable(
      ['metric', 'value'],
      [
        ['accuracy', f4(m.accuracy)],
        ['precision', f4(m.precision)],
        ['recall', f4(m.recall)],
        ['F1', f4(m.f1)],
        ['ROC AUC', f4(m.auc)],
      ],
    ),
    '',
    ...markdownTable(
      ['', 'predicted fail', 'predicted pass'],
      [
        ['actual fail', String(c.truePositive), String(c.falseNegative)],
        ['actual pass', String(c.falsePositive), String(c.trueNegative)],
      ],
    ),
    '',
    `Accepted held-out accuracy range: ${ACCEPTED_ACCURACY.min}–${ACCEPTED_ACCURACY.max} (the script fails outside it).`,
  ];
}

/** The model card, rendered only from the report and constants, so re-runs produce the same bytes. */
export function renderModelCard(report: TrainingReport): string {
  const lines = [
    `# Model card: ${MODEL_NAME} ${MODEL_VERSION}`,
    '',
    '<!-- Generated by scripts/train-vehicle-quality; do not edit by hand, re-run the script. -->',
    '',
    'Binary classifier for the predictions product: from three production-line sensor features of a vehicle,',
    'the probability that it fails its inspection (class 1) rather than passing (class 0).',
    '',
    '**Synthetic data.** The model was trained on data generated by the rule below, not on measurements from',
    'a real production line. It is good for exercising the predictions API end to end (scoring, batch and CSV',
    'import, the quality report against `realResult`), for demos, tests and latency benchmarks. It is not good',
    'for deciding anything about real vehicles, and its metrics say nothing about real inspections. Inputs',
    'outside the valid ranges were never seen in training.',
    '',
    ...inputsSection(report),
    '',
    ...dataSection(report),
    '',
    ...trainingSection(report),
    '',
    ...metricsSection(report),
    '',
    '## Reproduce',
    '',
    '```',
    'npm run train:vehicle-quality',
    '# = npx nest build && node dist/scripts/train-vehicle-quality/main.js [output-dir]',
    '```',
    '',
    `The script writes \`${MODEL_VERSION}.onnx\` and this card to \`models/${MODEL_NAME}/\` (or \`output-dir\`).`,
    'Re-running it reproduces both files byte for byte (all randomness is seeded, the date below is a',
    'constant); `scripts/train-vehicle-quality/reproducible.spec.ts` checks this. Before writing, it checks',
    `that ONNX Runtime and the TypeScript evaluator agree on every held-out row to within ${ONNX_TOLERANCE.toExponential()}.`,
    '',
    `Trained on: ${TRAINED_ON}`,
    '',
  ];
  return lines.join('\n');
}
