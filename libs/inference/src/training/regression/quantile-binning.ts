/** Bin index that holds missing values (NaN); value bins are 0..254. */
export const MISSING_BIN = 255;
export const MAX_VALUE_BINS = 255;

/**
 * Bin edges of one feature. Values are compared as float32 (what ONNX Runtime sees): a value x
 * falls in the first bin b with `fround(x) <= thresholds[b]`, or in the last bin
 * (`thresholds.length`) when it exceeds them all. Every threshold is a float32 lying between two
 * distinct training values, so a split "bin <= b" is exactly the ONNX split "x <= thresholds[b]".
 */
export interface FeatureBins {
  thresholds: Float64Array;
  /** Number of value bins (thresholds.length + 1). */
  nBins: number;
}

/** The float32 threshold between two consecutive distinct float32 values a < b. */
function thresholdBetween(a: number, b: number): number {
  const mid = Math.fround((a + b) / 2);
  return mid >= a && mid < b ? mid : a;
}

/**
 * Quantile bin edges of `values` (NaN = missing), at most `maxBins` value bins. With no more
 * distinct values than bins every distinct value gets its own bin.
 */
export function fitFeatureBins(values: ArrayLike<number>, maxBins: number): FeatureBins {
  if (!(maxBins >= 2 && maxBins <= MAX_VALUE_BINS)) {
    throw new RangeError(`maxBins must be in [2, ${MAX_VALUE_BINS}], got ${maxBins}`);
  }
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) present[n++] = Math.fround(v);
  }
  const sorted = present.subarray(0, n).sort();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const thresholds: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) {
      thresholds.push(thresholdBetween(distinct[i], distinct[i + 1]));
    }
  } else {
    // Upper value of each quantile slice, then the midpoint to the next distinct value.
    let d = 0;
    for (let k = 1; k < maxBins; k++) {
      const q = sorted[Math.max(0, Math.floor((k * n) / maxBins) - 1)];
      while (d + 1 < distinct.length && distinct[d + 1] <= q) d++;
      if (d + 1 >= distinct.length) break;
      const t = thresholdBetween(distinct[d], distinct[d + 1]);
      if (thresholds.length === 0 || t > thresholds[thresholds.length - 1]) thresholds.push(t);
    }
  }
  return { thresholds: Float64Array.from(thresholds), nBins: thresholds.length + 1 };
}

/** The bin of one value (NaN → MISSING_BIN). */
export function binOf(bins: FeatureBins, value: number): number {
  if (Number.isNaN(value)) return MISSING_BIN;
  const x = Math.fround(value);
  const t = bins.thresholds;
  let low = 0;
  let high = t.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (x <= t[mid]) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Bins a whole column into a Uint8Array. */
export function binColumn(bins: FeatureBins, values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = binOf(bins, values[i]);
  return out;
}

/** A feature matrix binned column by column (uint8 per value), with each feature's edges. */
export interface BinnedMatrix {
  nRows: number;
  columns: Uint8Array[];
  /** The same bins row-major (row r's features at r·nFeatures…): one read per row when building histograms. */
  rowMajor: Uint8Array;
  bins: FeatureBins[];
}

export function binMatrix(features: readonly Float64Array[], maxBins: number): BinnedMatrix {
  const bins = features.map((column) => fitFeatureBins(column, maxBins));
  const nRows = features.length > 0 ? features[0].length : 0;
  const columns = features.map((column, f) => binColumn(bins[f], column));
  const p = columns.length;
  const rowMajor = new Uint8Array(nRows * p);
  columns.forEach((column, f) => {
    for (let r = 0; r < nRows; r++) rowMajor[r * p + f] = column[r];
  });
  return { nRows, columns, rowMajor, bins };
}
