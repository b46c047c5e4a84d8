import { TrainingDataError } from './feature-table';
import { FeatureLayout } from './model-features';
import { LinearRegressionParams } from './regression-types';

/** The closed form costs O(width³): beyond this many encoded columns it would take minutes. */
export const MAX_ENCODED_COLUMNS = 2000;

export const LINEAR_REGRESSION_DEFAULTS: LinearRegressionParams = { ridge: 1e-6 };

/**
 * A fitted linear regressor on a feature layout: numeric columns imputed with their training mean
 * and standardised, categorical columns one-hot encoded over their training categories (an
 * unknown or missing category is all zeros), coefficients on that encoding plus an intercept.
 */
export interface LinearRegressorFit {
  numericMean: Float64Array;
  numericStd: Float64Array;
  numericCoefficients: Float64Array;
  /** Per categorical column: its training categories (table order). */
  categories: string[][];
  /** Per categorical column: table code → one-hot slot, -1 when unseen in training. */
  slotOf: Int32Array[];
  categoricalCoefficients: Float64Array[];
  intercept: number;
  /** Model-order importance: |coef| × std of the encoded column (summed over one-hot slots). */
  importance: Float64Array;
}

/** Solves the symmetric positive definite system A x = b (A row-major m×m) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j];
      for (let k = 0; k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error('linear regression: the normal equations are singular');
        l[i * m + i] = Math.sqrt(sum);
      } else {
        l[i * m + j] = sum / l[j * m + j];
      }
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * m + k] * y[k];
    y[i] = sum / l[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < m; k++) sum -= l[k * m + i] * x[k];
    x[i] = sum / l[i * m + i];
  }
  return x;
}

function numericStatistics(
  values: Float64Array,
  rows: readonly number[],
): { mean: number; std: number } {
  let sum = 0;
  let count = 0;
  for (const r of rows) {
    const v = Math.fround(values[r]);
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  const mean = Math.fround(count > 0 ? sum / count : 0);
  let squares = 0;
  for (const r of rows) {
    const v = Math.fround(values[r]);
    squares += ((Number.isNaN(v) ? mean : v) - mean) ** 2;
  }
  const std = Math.fround(Math.sqrt(squares / Math.max(1, rows.length)));
  return { mean, std: std > 0 ? std : 1 };
}

/** Fits ridge-regularised least squares on the closed form (XᵀX + λnI) β = Xᵀy. */
export function fitLinearRegression(
  layout: FeatureLayout,
  target: Float64Array,
  rows: readonly number[],
  params: LinearRegressionParams,
): LinearRegressorFit {
  const stats = layout.numeric.map((column) => numericStatistics(column.values, rows));
  const numericMean = Float64Array.from(stats, (s) => s.mean);
  const numericStd = Float64Array.from(stats, (s) => s.std);
  const slotOf = layout.categorical.map((column) => {
    const slots = new Int32Array(column.categories.length).fill(-1);
    for (const r of rows) if (column.codes[r] >= 0) slots[column.codes[r]] = 0;
    let next = 0;
    for (let code = 0; code < slots.length; code++) if (slots[code] === 0) slots[code] = next++;
    return slots;
  });
  const categories = layout.categorical.map((column, j) =>
    column.categories.filter((_, code) => slotOf[j][code] >= 0),
  );
  const offsets: number[] = [];
  let width = layout.numeric.length;
  for (const list of categories) {
    offsets.push(width);
    width += list.length;
  }
  if (width > MAX_ENCODED_COLUMNS) {
    throw new TrainingDataError(
      `linear regression: ${width} encoded columns (numeric + one per category) exceed ${MAX_ENCODED_COLUMNS}; ` +
        'drop high-cardinality categorical columns or use a tree model',
    );
  }
  const m = width + 1; // + intercept
  const xtx = new Float64Array(m * m);
  const xty = new Float64Array(m);
  const index = new Int32Array(layout.numeric.length + layout.categorical.length + 1);
  const value = new Float64Array(index.length);
  for (const r of rows) {
    let nz = 0;
    layout.numeric.forEach((column, i) => {
      const v = Math.fround(column.values[r]);
      index[nz] = i;
      value[nz++] = ((Number.isNaN(v) ? numericMean[i] : v) - numericMean[i]) / numericStd[i];
    });
    layout.categorical.forEach((column, j) => {
      const code = column.codes[r];
      const slot = code >= 0 ? slotOf[j][code] : -1;
      if (slot >= 0) {
        index[nz] = offsets[j] + slot;
        value[nz++] = 1;
      }
    });
    index[nz] = width;
    value[nz++] = 1;
    for (let a = 0; a < nz; a++) {
      const row = index[a] * m;
      xty[index[a]] += value[a] * target[r];
      for (let b = 0; b < nz; b++) xtx[row + index[b]] += value[a] * value[b];
    }
  }
  const lambda = params.ridge * rows.length;
  for (let i = 0; i < width; i++) xtx[i * m + i] += lambda;
  const beta = choleskySolve(xtx, xty, m);
  const numericCoefficients = beta.slice(0, layout.numeric.length);
  const categoricalCoefficients = categories.map((list, j) =>
    beta.slice(offsets[j], offsets[j] + list.length),
  );
  const importance = new Float64Array(layout.numeric.length + layout.categorical.length);
  numericCoefficients.forEach((coefficient, i) => (importance[i] = Math.abs(coefficient)));
  categoricalCoefficients.forEach((coefficients, j) => {
    const counts = new Float64Array(coefficients.length);
    for (const r of rows) {
      const code = layout.categorical[j].codes[r];
      if (code >= 0) counts[slotOf[j][code]]++;
    }
    let total = 0;
    coefficients.forEach((c, k) => {
      const p = counts[k] / rows.length;
      total += Math.abs(c) * Math.sqrt(p * (1 - p));
    });
    importance[layout.numeric.length + j] = total;
  });
  return {
    numericMean,
    numericStd,
    numericCoefficients,
    categories,
    slotOf,
    categoricalCoefficients,
    intercept: beta[width],
    importance,
  };
}

/** The fitted model's prediction for table row `row` (inputs read as float32, as ONNX does). */
export function predictLinear(fit: LinearRegressorFit, layout: FeatureLayout, row: number): number {
  let sum = fit.intercept;
  layout.numeric.forEach((column, i) => {
    const v = Math.fround(column.values[row]);
    const x = Number.isNaN(v) ? fit.numericMean[i] : v;
    sum += ((x - fit.numericMean[i]) / fit.numericStd[i]) * fit.numericCoefficients[i];
  });
  layout.categorical.forEach((column, j) => {
    const code = column.codes[row];
    const slot = code >= 0 ? fit.slotOf[j][code] : -1;
    if (slot >= 0) sum += fit.categoricalCoefficients[j][slot];
  });
  return sum;
}
