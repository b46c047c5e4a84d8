import { SLOTS } from './gradient-histograms';
import { MISSING_BIN as MISSING_BIN_EXPORT } from './quantile-binning';

const MISSING_BIN = MISSING_BIN_EXPORT;

/** The best split of a node: left = bins ≤ `bin` (+ missing values when `missingGoesLeft`). */
export interface SplitCandidate {
  gain: number;
  feature: number;
  bin: number;
  missingGoesLeft: boolean;
  gradientLeft: number;
  hessianLeft: number;
}

export interface SplitConstraints {
  /** Minimum hessian sum (rows for squared error) on each side. */
  minSamplesLeaf: number;
  l2Regularization: number;
}

/**
 * Scans each feature's histogram left to right (and, when the node has missing values, once more
 * with them on the left) for the split with the largest gain
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); null when no split gains.
 */
export function findBestSplit(
  histogram: Float64Array,
  gradientTotal: number,
  hessianTotal: number,
  features: ArrayLike<number>,
  valueBins: ArrayLike<number>,
  constraints: SplitConstraints,
): SplitCandidate | null {
  const minLeaf = Math.max(constraints.minSamplesLeaf, 1e-3);
  if (hessianTotal < 2 * minLeaf) return null;
  const lambda = constraints.l2Regularization;
  const gTotal = gradientTotal;
  const hTotal = hessianTotal;
  const parentScore = (gTotal * gTotal) / (hTotal + lambda);
  // The best split so far in scalars: an object per improvement would feed the garbage collector.
  let bestGain = 1e-12;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestGradientLeft = 0;
  let bestHessianLeft = 0;
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const base = f * SLOTS;
    const nBins = valueBins[f];
    const gMissing = histogram[base + 2 * MISSING_BIN];
    const hMissing = histogram[base + 2 * MISSING_BIN + 1];
    const directions = hMissing > 0 ? 2 : 1;
    for (let direction = 0; direction < directions; direction++) {
      const missingLeft = direction === 1;
      let gLeft = missingLeft ? gMissing : 0;
      let hLeft = missingLeft ? hMissing : 0;
      // With missing values on the right, "every value left" is a split too.
      const lastBin = !missingLeft && hMissing > 0 ? nBins - 1 : nBins - 2;
      for (let b = 0; b <= lastBin; b++) {
        const hBin = histogram[base + 2 * b + 1];
        if (hBin === 0) continue; // an empty bin gives the same split as the one before
        gLeft += histogram[base + 2 * b];
        hLeft += hBin;
        if (hLeft < minLeaf) continue;
        const hRight = hTotal - hLeft;
        if (hRight < minLeaf) break;
        const gRight = gTotal - gLeft;
        const gain =
          (gLeft * gLeft) / (hLeft + lambda) + (gRight * gRight) / (hRight + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestMissingLeft = missingLeft;
          bestGradientLeft = gLeft;
          bestHessianLeft = hLeft;
        }
      }
    }
  }
  if (bestFeature < 0) return null;
  return {
    gain: bestGain,
    feature: bestFeature,
    bin: bestBin,
    missingGoesLeft: bestMissingLeft,
    gradientLeft: bestGradientLeft,
    hessianLeft: bestHessianLeft,
  };
}
