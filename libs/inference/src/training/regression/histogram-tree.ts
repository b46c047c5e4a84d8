import { SeededRandom } from '../seeded-random';
import { GradientHistograms } from './gradient-histograms';
import { BinnedMatrix, MISSING_BIN as MISSING_BIN_EXPORT } from './quantile-binning';
import { SplitCandidate, findBestSplit } from './split-finder';

/** A module-local copy: a compiled import is a property read on every use in the row loops. */
const MISSING_BIN = MISSING_BIN_EXPORT;

export interface TreeGrowthParams {
  /** Leaf-wise growth stops at this many leaves (Infinity = unlimited). */
  maxLeafNodes: number;
  /** 0 = unlimited. */
  maxDepth: number;
  /** Minimum hessian sum (row count for squared error) in each child. */
  minSamplesLeaf: number;
  l2Regularization: number;
  /** Leaf values are multiplied by this (the learning rate). */
  shrinkage: number;
  /** Fraction of the features tried at each split (1 = all). */
  featureFraction: number;
}

/** A node of a grown tree; leaves have feature -1. */
export interface GrownNode {
  feature: number;
  bin: number;
  missingGoesLeft: boolean;
  left: number;
  right: number;
  value: number;
  gain: number;
  /** Hessian sum (rows) reaching the node. */
  weight: number;
  depth: number;
  /** The node's rows are rowIndex[start..end) of the grower after growth. */
  start: number;
  end: number;
}

interface OpenLeaf {
  node: number;
  histogram: Float64Array;
  split: SplitCandidate | null;
}

/**
 * Grows regression trees on binned data from per-row gradients and hessians (scikit-learn's
 * HistGradientBoosting scheme): gradient/hessian histograms per node, the larger child's
 * histogram by subtraction from the parent's, rows partitioned in place in one index array,
 * leaf-wise growth by best gain. One grower is reused for every tree of an ensemble.
 */
export class HistogramTreeGrower {
  /** Row indices, partitioned so every node owns a contiguous range. */
  readonly rowIndex: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly histograms: GradientHistograms;
  private readonly nFeatures: number;
  private readonly valueBins: Int32Array;
  private readonly allFeatures: Int32Array;
  /** True while rowIndex is 0..n-1 (before the first split of a tree grown on every row). */
  private identityOrder = false;
  private readonly featureOrder: Int32Array;

  constructor(private readonly data: BinnedMatrix) {
    this.nFeatures = data.columns.length;
    this.rowIndex = new Uint32Array(data.nRows);
    this.scratch = new Uint32Array(data.nRows);
    this.valueBins = Int32Array.from(data.bins, (bins) => bins.nBins);
    this.histograms = new GradientHistograms(data);
    this.allFeatures = Int32Array.from(data.bins, (_, f) => f);
    this.featureOrder = this.allFeatures.slice();
  }

  /**
   * Grows one tree on `rows` (row indices; defaults to all rows). `hessians` null means every
   * hessian is 1. Returns nodes with node 0 the root.
   */
  grow(
    gradients: Float64Array,
    hessians: Float64Array | null,
    params: TreeGrowthParams,
    random: SeededRandom | null,
    rows?: Uint32Array,
  ): GrownNode[] {
    const count = rows ? rows.length : this.data.nRows;
    if (rows) this.rowIndex.set(rows);
    else for (let i = 0; i < count; i++) this.rowIndex[i] = i;
    this.identityOrder = !rows;
    const nodes: GrownNode[] = [];
    const rootHistogram = this.histograms.build(
      this.rowIndex,
      0,
      count,
      gradients,
      hessians,
      this.identityOrder,
    );
    let gradientSum = 0;
    let hessianSum = 0;
    for (let i = 0; i < count; i++) {
      const row = this.rowIndex[i];
      gradientSum += gradients[row];
      hessianSum += hessians ? hessians[row] : 1;
    }
    const root = this.addNode(nodes, 0, count, 0, gradientSum, hessianSum);
    const open: OpenLeaf[] = [
      {
        node: root,
        histogram: rootHistogram,
        split: this.findSplit(nodes[root], rootHistogram, params, random),
      },
    ];
    let leaves = 1;
    while (open.length > 0 && leaves < params.maxLeafNodes) {
      const pick = this.pickLeaf(open, params);
      const leaf = open[pick];
      open[pick] = open[open.length - 1];
      open.pop();
      if (!leaf.split) {
        this.histograms.release(leaf.histogram);
        continue;
      }
      const children = this.splitNode(nodes, leaf, gradients, hessians);
      leaves++;
      for (const child of children) {
        open.push({
          node: child.node,
          histogram: child.histogram,
          split: this.findSplit(nodes[child.node], child.histogram, params, random),
        });
      }
    }
    for (const leaf of open) this.histograms.release(leaf.histogram);
    for (const node of nodes) {
      // (+ 0 turns -0 into 0)
      if (node.feature < 0) {
        node.value = -params.shrinkage * (node.value / (node.weight + params.l2Regularization)) + 0;
      }
    }
    return nodes;
  }

  /** Best gain first; with unlimited leaves the order does not matter (depth first). */
  private pickLeaf(open: OpenLeaf[], params: TreeGrowthParams): number {
    if (!Number.isFinite(params.maxLeafNodes)) return open.length - 1;
    let best = 0;
    let bestGain = -Infinity;
    for (let i = 0; i < open.length; i++) {
      const gain = open[i].split?.gain ?? -Infinity;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    return best;
  }

  /** Adds a leaf node; `value` holds its gradient sum until growth ends. */
  private addNode(
    nodes: GrownNode[],
    start: number,
    end: number,
    depth: number,
    gradient: number,
    hessian: number,
  ): number {
    nodes.push({
      feature: -1,
      bin: 0,
      missingGoesLeft: false,
      left: -1,
      right: -1,
      value: gradient,
      gain: 0,
      weight: hessian,
      depth,
      start,
      end,
    });
    return nodes.length - 1;
  }

  private findSplit(
    node: GrownNode,
    histogram: Float64Array,
    params: TreeGrowthParams,
    random: SeededRandom | null,
  ): SplitCandidate | null {
    if (params.maxDepth > 0 && node.depth >= params.maxDepth) return null;
    const features = this.featuresToTry(params, random);
    return findBestSplit(histogram, node.value, node.weight, features, this.valueBins, params);
  }

  /** All features, or (random forest) a random subset of them; reuses one array. */
  private featuresToTry(params: TreeGrowthParams, random: SeededRandom | null): Int32Array {
    if (params.featureFraction >= 1 || !random) return this.allFeatures;
    const take = Math.max(1, Math.round(params.featureFraction * this.nFeatures));
    const order = this.featureOrder;
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order.subarray(0, take);
  }

  /** Partitions the leaf's rows, creates both children and their histograms. */
  private splitNode(
    nodes: GrownNode[],
    leaf: OpenLeaf,
    gradients: Float64Array,
    hessians: Float64Array | null,
  ): Array<{ node: number; histogram: Float64Array }> {
    const parent = nodes[leaf.node];
    const split = leaf.split as SplitCandidate;
    this.identityOrder = false;
    const column = this.data.columns[split.feature];
    const { bin: splitBin, missingGoesLeft } = split;
    const index = this.rowIndex;
    const scratch = this.scratch;
    let nLeft = 0;
    let nRight = 0;
    for (let i = parent.start; i < parent.end; i++) {
      const row = index[i];
      const bin = column[row];
      const goLeft = bin === MISSING_BIN ? missingGoesLeft : bin <= splitBin;
      if (goLeft) index[parent.start + nLeft++] = row;
      else scratch[nRight++] = row;
    }
    const middle = parent.start + nLeft;
    for (let k = 0; k < nRight; k++) index[middle + k] = scratch[k];
    const smallIsLeft = nLeft <= nRight;
    const small = smallIsLeft
      ? this.histograms.build(index, parent.start, middle, gradients, hessians, false)
      : this.histograms.build(index, middle, parent.end, gradients, hessians, false);
    const large = leaf.histogram;
    this.histograms.subtract(large, small);
    const [leftHistogram, rightHistogram] = smallIsLeft ? [small, large] : [large, small];
    const depth = parent.depth + 1;
    const { gradientLeft, hessianLeft } = split;
    const left = this.addNode(nodes, parent.start, middle, depth, gradientLeft, hessianLeft);
    const right = this.addNode(
      nodes,
      middle,
      parent.end,
      depth,
      parent.value - gradientLeft,
      parent.weight - hessianLeft,
    );
    parent.feature = split.feature;
    parent.bin = split.bin;
    parent.missingGoesLeft = split.missingGoesLeft;
    parent.gain = split.gain;
    parent.left = left;
    parent.right = right;
    return [
      { node: left, histogram: leftHistogram },
      { node: right, histogram: rightHistogram },
    ];
  }
}
