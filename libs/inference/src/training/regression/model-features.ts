import { CategoricalColumn, FeatureTable, NumericColumn } from './feature-table';

/** Graph input names of an exported regressor. */
export const NUMERIC_INPUT = 'numeric';
export const CATEGORICAL_INPUT = 'categorical';
export const PREDICTION_OUTPUT = 'prediction';

/**
 * Where a dataset column goes in the ONNX model: numeric columns are the float32 input `numeric`
 * [batch, nNumeric] in dataset order, categorical columns the string input `categorical`
 * [batch, nCategorical]. Stored as the model's `features` metadata (dataset column order).
 */
export interface RegressorFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  input: typeof NUMERIC_INPUT | typeof CATEGORICAL_INPUT;
  index: number;
}

/**
 * The model's feature order (numeric columns, then categorical ones; what trees index) and each
 * dataset column's slot in the graph inputs.
 */
export interface FeatureLayout {
  features: RegressorFeature[];
  numeric: NumericColumn[];
  categorical: CategoricalColumn[];
}

export function featureLayout(table: FeatureTable): FeatureLayout {
  const numeric: NumericColumn[] = [];
  const categorical: CategoricalColumn[] = [];
  const features = table.columns.map((column): RegressorFeature => {
    if (column.kind === 'numeric') {
      numeric.push(column);
      return {
        name: column.name,
        kind: 'numeric',
        input: NUMERIC_INPUT,
        index: numeric.length - 1,
      };
    }
    categorical.push(column);
    return {
      name: column.name,
      kind: 'categorical',
      input: CATEGORICAL_INPUT,
      index: categorical.length - 1,
    };
  });
  return { features, numeric, categorical };
}

/** Model-order feature names (numeric, then categorical). */
export function modelOrderNames(layout: FeatureLayout): string[] {
  return [...layout.numeric, ...layout.categorical].map((column) => column.name);
}

/**
 * Per categorical column, its training categories ordered by mean training target (so ordinal
 * splits on the code group similar categories, as LightGBM sorts categories), and the table code
 * → model code map (NaN for a category absent from the training rows).
 */
export interface OrdinalEncoding {
  categories: string[];
  codeOf: Float64Array;
}

export function fitOrdinalEncoding(
  column: CategoricalColumn,
  target: Float64Array,
  rows: readonly number[],
): OrdinalEncoding {
  const k = column.categories.length;
  const sum = new Float64Array(k);
  const count = new Float64Array(k);
  for (const r of rows) {
    const code = column.codes[r];
    if (code < 0) continue;
    sum[code] += target[r];
    count[code] += 1;
  }
  const seen = Array.from({ length: k }, (_, code) => code).filter((code) => count[code] > 0);
  seen.sort(
    (a, b) =>
      sum[a] / count[a] - sum[b] / count[b] ||
      (column.categories[a] < column.categories[b] ? -1 : 1),
  );
  const codeOf = new Float64Array(k).fill(NaN);
  seen.forEach((code, rank) => (codeOf[code] = rank));
  return { categories: seen.map((code) => column.categories[code]), codeOf };
}

/** Model-order feature columns of `rows` for trees (categorical → ordinal code, missing → NaN). */
export function treeFeatureColumns(
  layout: FeatureLayout,
  encodings: readonly OrdinalEncoding[],
  rows: readonly number[],
): Float64Array[] {
  const numeric = layout.numeric.map((column) => Float64Array.from(rows, (r) => column.values[r]));
  const categorical = layout.categorical.map((column, j) =>
    Float64Array.from(rows, (r) => {
      const code = column.codes[r];
      return code < 0 ? NaN : encodings[j].codeOf[code];
    }),
  );
  return [...numeric, ...categorical];
}

/** One row in model order as float32 (what ONNX Runtime compares the thresholds with). */
export function treeFeatureRow(
  layout: FeatureLayout,
  encodings: readonly OrdinalEncoding[],
  row: number,
): Float32Array {
  const out = new Float32Array(layout.numeric.length + layout.categorical.length);
  layout.numeric.forEach((column, i) => (out[i] = column.values[row]));
  layout.categorical.forEach((column, j) => {
    const code = column.codes[row];
    out[layout.numeric.length + j] = code < 0 ? NaN : encodings[j].codeOf[code];
  });
  return out;
}
