import { TreeEnsembleModel } from '../../models/tree-ensemble-model';
import { SeededRandom } from '../seeded-random';
import { addSplitGains, exportGrownTree, grownTreeValue } from './grown-tree-export';
import { GrownNode, HistogramTreeGrower } from './histogram-tree';
import { BinnedMatrix, binColumn, binMatrix } from './quantile-binning';
import { GradientBoostingParams } from './regression-types';

export const GRADIENT_BOOSTING_DEFAULTS: GradientBoostingParams = {
  maxIterations: 400,
  learningRate: 0.1,
  maxLeafNodes: 31,
  maxDepth: 0,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tolerance: 1e-7,
};

/** A fitted tree ensemble, its split-gain totals per feature and how many trees it has. */
export interface TreeEnsembleFit {
  model: TreeEnsembleModel;
  featureGain: Float64Array;
  iterations: number;
}

function gather(column: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
  return out;
}

function validationSplit(
  n: number,
  params: GradientBoostingParams,
  seed: number,
): { fit: number[]; check: number[] } | null {
  const enabled = params.earlyStopping === 'auto' ? n > 10_000 : params.earlyStopping;
  if (!enabled) return null;
  const order = new SeededRandom(seed ^ 0x5bd1e995).permutation(n);
  const checkCount = Math.max(1, Math.round(n * params.validationFraction));
  return {
    check: order.slice(0, checkCount).sort((a, b) => a - b),
    fit: order.slice(checkCount).sort((a, b) => a - b),
  };
}

/** scikit-learn's rule: stop when none of the last n scores beats the one before them by tol. */
function shouldStop(losses: number[], params: GradientBoostingParams): boolean {
  const n = params.nIterNoChange;
  if (losses.length <= n) return false;
  const reference = losses[losses.length - n - 1];
  for (let i = losses.length - n; i < losses.length; i++) {
    if (losses[i] < reference - params.tolerance) return false;
  }
  return true;
}

/**
 * Least-squares gradient boosting on histograms (scikit-learn's HistGradientBoostingRegressor):
 * baseline = mean target, each tree fitted to the residual gradients, hessians all 1, leaf value
 * -lr·G/(H+λ). Training predictions are updated from the leaves' row ranges (no tree walk).
 */
export function fitGradientBoosting(
  features: readonly Float64Array[],
  target: Float64Array,
  params: GradientBoostingParams,
  seed: number,
  onTree: (done: number, total: number) => void = () => undefined,
): TreeEnsembleFit {
  const split = validationSplit(target.length, params, seed);
  const fitRows = split ? split.fit : null;
  const fitFeatures = fitRows ? features.map((column) => gather(column, fitRows)) : features;
  const y = fitRows ? gather(target, fitRows) : target;
  const data: BinnedMatrix = binMatrix(fitFeatures, params.maxBins);
  const check = split
    ? {
        columns: features.map((column, f) => binColumn(data.bins[f], gather(column, split.check))),
        y: gather(target, split.check),
      }
    : null;
  const n = y.length;
  let baseline = 0;
  for (let i = 0; i < n; i++) baseline += y[i];
  baseline = Math.fround(baseline / n);
  const raw = new Float64Array(n).fill(baseline);
  const checkRaw = check ? new Float64Array(check.y.length).fill(baseline) : null;
  const gradients = new Float64Array(n);
  const grower = new HistogramTreeGrower(data);
  const growth = {
    maxLeafNodes: params.maxLeafNodes,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    l2Regularization: params.l2Regularization,
    shrinkage: params.learningRate,
    featureFraction: 1,
  };
  const trees: GrownNode[][] = [];
  const losses: number[] = [];
  const featureGain = new Float64Array(features.length);
  for (let iteration = 0; iteration < params.maxIterations; iteration++) {
    for (let i = 0; i < n; i++) gradients[i] = raw[i] - y[i];
    const nodes = grower.grow(gradients, null, growth, null);
    for (const node of nodes) {
      if (node.feature >= 0) continue;
      node.value = Math.fround(node.value);
      for (let i = node.start; i < node.end; i++) raw[grower.rowIndex[i]] += node.value;
    }
    trees.push(nodes);
    addSplitGains(nodes, featureGain);
    onTree(iteration + 1, params.maxIterations);
    if (check && checkRaw) {
      let loss = 0;
      for (let i = 0; i < checkRaw.length; i++) {
        checkRaw[i] += grownTreeValue(nodes, check.columns, i);
        loss += (checkRaw[i] - check.y[i]) ** 2;
      }
      losses.push(loss / checkRaw.length);
      if (shouldStop(losses, params)) break;
    }
    if (nodes.length === 1) break;
  }
  return {
    model: {
      nFeatures: features.length,
      nTargets: 1,
      baseValues: [baseline],
      trees: trees.map((nodes) => exportGrownTree(nodes, data.bins)),
    },
    featureGain,
    iterations: trees.length,
  };
}
