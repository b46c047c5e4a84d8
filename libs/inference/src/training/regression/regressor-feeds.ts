import { Tensor } from 'onnxruntime-node';
import { CATEGORICAL_INPUT, NUMERIC_INPUT, RegressorFeature } from './model-features';

export type RawRow = ReadonlyArray<number | string | null | undefined>;

/** The `features` metadata of an exported regressor (dataset column order, graph slots). */
export function readRegressorFeatures(
  metadataProps: Readonly<Record<string, string>>,
): RegressorFeature[] {
  const text = metadataProps.features;
  if (!text) throw new Error('model metadata has no "features" entry: not a realty regressor');
  return JSON.parse(text) as RegressorFeature[];
}

/** Orders record rows (`{ column: value }`) as the model's features; a missing key is null. */
export function rowsFromRecords(
  features: readonly RegressorFeature[],
  records: ReadonlyArray<Readonly<Record<string, number | string | null | undefined>>>,
): RawRow[] {
  return records.map((record) => features.map((feature) => record[feature.name] ?? null));
}

/**
 * ONNX Runtime feeds for raw rows in `features` order: float32 `numeric` [n, nNumeric] (null → NaN)
 * and string `categorical` [n, nCategorical] (null → '', an unknown category).
 */
export function regressorFeeds(
  features: readonly RegressorFeature[],
  rows: readonly RawRow[],
): Record<string, Tensor> {
  const numericWidth = features.filter((feature) => feature.input === NUMERIC_INPUT).length;
  const categoricalWidth = features.length - numericWidth;
  const numeric = new Float32Array(rows.length * numericWidth);
  const categorical = new Array<string>(rows.length * categoricalWidth);
  rows.forEach((row, r) => {
    features.forEach((feature, c) => {
      const value = row[c];
      if (feature.input === NUMERIC_INPUT) {
        numeric[r * numericWidth + feature.index] =
          value === null || value === undefined || value === '' ? NaN : Number(value);
      } else {
        categorical[r * categoricalWidth + feature.index] =
          value === null || value === undefined ? '' : String(value);
      }
    });
  });
  const feeds: Record<string, Tensor> = {};
  if (numericWidth > 0)
    feeds[NUMERIC_INPUT] = new Tensor('float32', numeric, [rows.length, numericWidth]);
  if (categoricalWidth > 0) {
    feeds[CATEGORICAL_INPUT] = new Tensor('string', categorical, [rows.length, categoricalWidth]);
  }
  return feeds;
}
