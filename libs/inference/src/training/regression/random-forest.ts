import { SeededRandom } from '../seeded-random';
import { TreeEnsembleFit } from './gradient-boosting';
import { addSplitGains, exportGrownTree } from './grown-tree-export';
import { HistogramTreeGrower } from './histogram-tree';
import { binMatrix } from './quantile-binning';
import { RandomForestParams } from './regression-types';

export const RANDOM_FOREST_DEFAULTS: RandomForestParams = {
  nTrees: 100,
  maxDepth: 12,
  minSamplesLeaf: 5,
  maxFeatures: 0.5,
  maxBins: 255,
};

/**
 * Random forest of histogram trees: each tree on a bootstrap sample (drawn as integer row weights,
 * so a row drawn k times has hessian k), a random subset of the features tried at each split,
 * leaves = weighted mean target / nTrees (the ensemble sums trees, so it averages).
 */
export function fitRandomForest(
  features: readonly Float64Array[],
  target: Float64Array,
  params: RandomForestParams,
  seed: number,
  onTree: (done: number, total: number) => void = () => undefined,
): TreeEnsembleFit {
  const data = binMatrix(features, params.maxBins);
  const n = target.length;
  const grower = new HistogramTreeGrower(data);
  const random = new SeededRandom(seed);
  const weights = new Float64Array(n);
  const gradients = new Float64Array(n);
  const featureGain = new Float64Array(features.length);
  const growth = {
    maxLeafNodes: Infinity,
    maxDepth: params.maxDepth,
    minSamplesLeaf: params.minSamplesLeaf,
    l2Regularization: 0,
    shrinkage: 1 / params.nTrees,
    featureFraction: params.maxFeatures,
  };
  const trees = [];
  for (let t = 0; t < params.nTrees; t++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[random.int(n)] += 1;
    const inBag: number[] = [];
    for (let i = 0; i < n; i++) {
      gradients[i] = -weights[i] * target[i];
      if (weights[i] > 0) inBag.push(i);
    }
    const nodes = grower.grow(gradients, weights, growth, random, Uint32Array.from(inBag));
    addSplitGains(nodes, featureGain);
    trees.push(exportGrownTree(nodes, data.bins));
    onTree(t + 1, params.nTrees);
  }
  return {
    model: { nFeatures: features.length, nTargets: 1, baseValues: [0], trees },
    featureGain,
    iterations: params.nTrees,
  };
}
