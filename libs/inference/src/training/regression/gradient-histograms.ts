import { BinnedMatrix, MISSING_BIN as MISSING_BIN_EXPORT } from './quantile-binning';

/** A module-local copy: a compiled import is a property read on every use. */
const MISSING_BIN = MISSING_BIN_EXPORT;

/** Histogram slots per feature: 256 bins × (gradient sum, hessian sum), interleaved. */
export const SLOTS = 512;

/**
 * Gradient/hessian histograms of a binned matrix: built in one pass over the row-major bins,
 * subtracted over the slots in use, recycled through a pool.
 */
export class GradientHistograms {
  private readonly pool: Float64Array[] = [];
  private readonly nFeatures: number;
  /** Value bins of each feature (histogram slots past them stay zero, except the missing bin). */
  private readonly valueBins: Int32Array;
  private rootCountTemplate: Float64Array | null = null;

  constructor(private readonly data: BinnedMatrix) {
    this.nFeatures = data.columns.length;
    this.valueBins = Int32Array.from(data.bins, (bins) => bins.nBins);
  }

  release(histogram: Float64Array): void {
    this.pool.push(histogram);
  }

  /**
   * Histogram of the rows index[start..end). `inOrder` says index is 0..n-1 over every row (the
   * root of a boosting tree): then no index lookups, and with unit hessians the counts per bin
   * are the same for every tree, so only gradients are added.
   */
  build(
    index: Uint32Array,
    start: number,
    end: number,
    gradients: Float64Array,
    hessians: Float64Array | null,
    inOrder: boolean,
  ): Float64Array {
    const roots = !hessians && inOrder;
    const histogram = this.acquire(!roots);
    const bins = this.data.rowMajor;
    const p = this.nFeatures;
    if (roots) {
      histogram.set(this.rootCounts());
      for (let row = 0; row < end; row++) {
        const g = gradients[row];
        const offset = row * p;
        for (let f = 0; f < p; f++) histogram[f * SLOTS + (bins[offset + f] << 1)] += g;
      }
    } else if (hessians) {
      for (let i = start; i < end; i++) {
        const row = index[i];
        const g = gradients[row];
        const h = hessians[row];
        const offset = row * p;
        for (let f = 0; f < p; f++) {
          const slot = f * SLOTS + (bins[offset + f] << 1);
          histogram[slot] += g;
          histogram[slot + 1] += h;
        }
      }
    } else {
      for (let i = start; i < end; i++) {
        const row = index[i];
        const g = gradients[row];
        const offset = row * p;
        for (let f = 0; f < p; f++) {
          const slot = f * SLOTS + (bins[offset + f] << 1);
          histogram[slot] += g;
          histogram[slot + 1] += 1;
        }
      }
    }
    return histogram;
  }

  /** large -= small over the slots in use (the sibling-subtraction trick). */
  subtract(large: Float64Array, small: Float64Array): void {
    const missing = MISSING_BIN << 1;
    for (let f = 0; f < this.nFeatures; f++) {
      const base = f * SLOTS;
      const used = base + (this.valueBins[f] << 1);
      for (let i = base; i < used; i++) large[i] -= small[i];
      large[base + missing] -= small[base + missing];
      large[base + missing + 1] -= small[base + missing + 1];
    }
  }

  /** A pooled histogram, its slots in use zeroed when `zeroed` (the others are always zero). */
  private acquire(zeroed: boolean): Float64Array {
    const histogram = this.pool.pop();
    if (!histogram) return new Float64Array(this.nFeatures * SLOTS);
    if (zeroed) {
      const missing = MISSING_BIN << 1;
      for (let f = 0; f < this.nFeatures; f++) {
        const base = f * SLOTS;
        histogram.fill(0, base, base + (this.valueBins[f] << 1));
        histogram[base + missing] = 0;
        histogram[base + missing + 1] = 0;
      }
    }
    return histogram;
  }

  /** Row counts per bin over all rows, in the hessian slots (gradient slots zero). */
  private rootCounts(): Float64Array {
    if (!this.rootCountTemplate) {
      const counts = new Float64Array(this.nFeatures * SLOTS);
      const bins = this.data.rowMajor;
      for (let i = 0; i < bins.length; i++) {
        counts[(i % this.nFeatures) * SLOTS + (bins[i] << 1) + 1] += 1;
      }
      this.rootCountTemplate = counts;
    }
    return this.rootCountTemplate;
  }
}
