import { performance } from 'node:perf_hooks';
import { FlatTreeEnsemble } from '../../models/flat-tree-ensemble';
import { splitTrainTest } from '../data-split';
import {
  FeatureTable,
  TrainingDataError,
  featureTableFromRows,
  hashFeatureTable,
} from './feature-table';
import { TreeEnsembleFit, fitGradientBoosting } from './gradient-boosting';
import { fitLinearRegression, predictLinear } from './linear-regression';
import {
  FeatureLayout,
  featureLayout,
  fitOrdinalEncoding,
  modelOrderNames,
  treeFeatureColumns,
  treeFeatureRow,
} from './model-features';
import { fitRandomForest } from './random-forest';
import { TrainingParamsError, resolveParams } from './regression-params';
import { regressionMetrics } from './regression-metrics';
import { buildLinearRegressorGraphOnnx, buildTreeRegressorOnnx } from './regressor-onnx';
import {
  FeatureImportance,
  TabularTrainingData,
  TrainingOptions,
  TrainingOutcome,
  TrainingProgress,
} from './regression-types';

/** What an ONNX file written here promises its reader (also stored as `contract` metadata). */
export const REGRESSOR_ONNX_CONTRACT =
  'inputs: "numeric" float32 [batch, nNumeric] and/or "categorical" string [batch, nCategorical], ' +
  'columns placed as listed in the "features" metadata (input, index); missing numeric = NaN, ' +
  'missing or unknown category = "" or any unseen string; output: "prediction" float32 [batch, 1]';

interface FittedModel {
  predict(row: number): number;
  onnx(metadata: Record<string, string>): Uint8Array;
  /** Model-order importance, not normalised. */
  importance: Float64Array;
  encodings: Record<string, string[]>;
  extraParams: Record<string, number>;
  missingValues: string;
}

type Report = (progress: TrainingProgress) => void;

function fitTrees(
  table: FeatureTable,
  layout: FeatureLayout,
  train: number[],
  options: TrainingOptions,
  report: Report,
): FittedModel {
  const encodings = layout.categorical.map((column) =>
    fitOrdinalEncoding(column, table.target, train),
  );
  const columns = treeFeatureColumns(layout, encodings, train);
  const y = Float64Array.from(train, (r) => table.target[r]);
  report({ stage: 'fitting', fraction: 0.05 });
  const onTree = (done: number, total: number): void => {
    if (done === total || done % Math.max(1, Math.floor(total / 100)) === 0) {
      report({ stage: 'fitting', fraction: 0.05 + (0.85 * done) / total });
    }
  };
  const fit: TreeEnsembleFit =
    options.algorithm === 'random_forest'
      ? fitRandomForest(
          columns,
          y,
          resolveParams('random_forest', options.params),
          options.seed,
          onTree,
        )
      : fitGradientBoosting(
          columns,
          y,
          resolveParams('gradient_boosting', options.params),
          options.seed,
          onTree,
        );
  const flat = new FlatTreeEnsemble(fit.model);
  return {
    predict: (row) => flat.predict(treeFeatureRow(layout, encodings, row)),
    onnx: (metadata) => buildTreeRegressorOnnx(layout, encodings, fit.model, { metadata }),
    importance: fit.featureGain,
    encodings: Object.fromEntries(
      layout.categorical.map((column, j) => [column.name, encodings[j].categories]),
    ),
    extraParams: options.algorithm === 'gradient_boosting' ? { iterations: fit.iterations } : {},
    missingValues:
      "numeric NaN and unknown categories follow each split's learned missing-value branch",
  };
}

function fitLinear(
  table: FeatureTable,
  layout: FeatureLayout,
  train: number[],
  options: TrainingOptions,
): FittedModel {
  const fit = fitLinearRegression(
    layout,
    table.target,
    train,
    resolveParams('linear_regression', options.params),
  );
  return {
    predict: (row) => predictLinear(fit, layout, row),
    onnx: (metadata) => buildLinearRegressorGraphOnnx(layout, fit, { metadata }),
    importance: fit.importance,
    encodings: Object.fromEntries(
      layout.categorical.map((column, j) => [column.name, fit.categories[j]]),
    ),
    extraParams: {},
    missingValues: `numeric NaN imputed with the training mean ${JSON.stringify(
      Object.fromEntries(layout.numeric.map((column, i) => [column.name, fit.numericMean[i]])),
    )}; unknown categories one-hot encode as all zeros`,
  };
}

function normalisedImportance(names: string[], importance: Float64Array): FeatureImportance[] {
  const total = importance.reduce((sum, value) => sum + value, 0);
  return names
    .map((feature, i) => ({ feature, importance: total > 0 ? importance[i] / total : 0 }))
    .sort((a, b) => b.importance - a.importance);
}

/**
 * Trains one regressor on a `FeatureTable`: seeded train/holdout split, fit, holdout metrics,
 * feature importance, ONNX export (encoders inside the graph, see `REGRESSOR_ONNX_CONTRACT`).
 * Pure and synchronous: run it in a worker thread to keep an event loop free.
 */
export function trainRegressorOnTable(
  table: FeatureTable,
  options: TrainingOptions,
): TrainingOutcome {
  const started = performance.now();
  const report: Report = (progress) => options.onProgress?.(progress);
  report({ stage: 'preparing', fraction: 0 });
  const params = resolveParams(options.algorithm, options.params);
  const n = table.target.length;
  const holdoutFraction = options.holdoutFraction ?? 0.2;
  if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
    throw new TrainingParamsError(`holdoutFraction must be in (0, 1), got ${holdoutFraction}`);
  }
  if (!Number.isInteger(options.seed)) throw new TrainingParamsError('seed must be an integer');
  const { train, test } = splitTrainTest(n, holdoutFraction, options.seed);
  if (train.length < 2 || test.length < 1) {
    throw new TrainingDataError(`${n} rows are too few to split into training and holdout rows`);
  }
  const layout = featureLayout(table);
  const model =
    options.algorithm === 'linear_regression'
      ? fitLinear(table, layout, train, options)
      : fitTrees(table, layout, train, options, report);
  report({ stage: 'evaluating', fraction: 0.9 });
  const actual = test.map((r) => table.target[r]);
  const predicted = test.map((r) => model.predict(r));
  const metrics = {
    ...regressionMetrics(actual, predicted),
    trainRows: train.length,
    holdoutRows: test.length,
  };
  const featureImportance = normalisedImportance(modelOrderNames(layout), model.importance);
  const allParams = { ...params, ...model.extraParams } as Record<
    string,
    number | boolean | string
  >;
  const dataHash = hashFeatureTable(table);
  report({ stage: 'exporting', fraction: 0.95 });
  const onnx = model.onnx({
    contract: REGRESSOR_ONNX_CONTRACT,
    algorithm: options.algorithm,
    params: JSON.stringify(allParams),
    features: JSON.stringify(layout.features),
    encodings: JSON.stringify(model.encodings),
    missing_values: model.missingValues,
    data_hash: dataHash,
    metrics: JSON.stringify(metrics),
    seed: String(options.seed),
  });
  report({ stage: 'exporting', fraction: 1 });
  return {
    algorithm: options.algorithm,
    params: allParams,
    metrics,
    featureImportance,
    onnx,
    holdout: { rowIndices: test, actual, predicted },
    encodings: model.encodings,
    dataHash,
    durationMs: performance.now() - started,
  };
}

/** `trainRegressorOnTable` on raw rows (checked and converted first). */
export function trainRegressor(
  data: TabularTrainingData,
  options: TrainingOptions,
): TrainingOutcome {
  return trainRegressorOnTable(featureTableFromRows(data), options);
}
