import { RegressionTree, TreeNode } from '../../models/tree-ensemble-model';
import { GrownNode } from './histogram-tree';
import { FeatureBins, MISSING_BIN as MISSING_BIN_EXPORT } from './quantile-binning';

/** A module-local copy: a compiled import is a property read on every use in the row loops. */
const MISSING_BIN = MISSING_BIN_EXPORT;

/** Largest finite float32: `x <= FLOAT32_MAX` holds for every finite float32 input. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The float32 threshold of a split "bin <= b". */
export function splitThreshold(bins: FeatureBins, bin: number): number {
  return bin < bins.thresholds.length ? bins.thresholds[bin] : FLOAT32_MAX;
}

/** A grown tree as a `RegressionTree` on raw feature values (leaf values rounded to float32). */
export function exportGrownTree(
  nodes: readonly GrownNode[],
  bins: readonly FeatureBins[],
): RegressionTree {
  return {
    nodes: nodes.map((node): TreeNode =>
      node.feature < 0
        ? { kind: 'leaf', values: [Math.fround(node.value)] }
        : {
            kind: 'split',
            feature: node.feature,
            threshold: splitThreshold(bins[node.feature], node.bin),
            left: node.left,
            right: node.right,
            missingGoesLeft: node.missingGoesLeft,
          },
    ),
  };
}

/** Walks a grown tree with one binned row (column-major `columns`, row `row`). */
export function grownTreeValue(
  nodes: readonly GrownNode[],
  columns: readonly Uint8Array[],
  row: number,
): number {
  let node = nodes[0];
  while (node.feature >= 0) {
    const bin = columns[node.feature][row];
    const goLeft = bin === MISSING_BIN ? node.missingGoesLeft : bin <= node.bin;
    node = nodes[goLeft ? node.left : node.right];
  }
  return node.value;
}

/** Adds each split's gain to its feature's total. */
export function addSplitGains(nodes: readonly GrownNode[], totals: Float64Array): void {
  for (const node of nodes) if (node.feature >= 0) totals[node.feature] += node.gain;
}
