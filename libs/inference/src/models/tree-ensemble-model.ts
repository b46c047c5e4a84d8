/**
 * An internal node: rows with `x[feature] <= threshold` go to `left`, the others to `right`
 * (ONNX mode BRANCH_LEQ). A missing value (NaN) goes right unless `missingGoesLeft`.
 */
export interface TreeSplitNode {
  kind: 'split';
  feature: number;
  threshold: number;
  /** Index of the left child in the tree's `nodes`. */
  left: number;
  /** Index of the right child in the tree's `nodes`. */
  right: number;
  missingGoesLeft?: boolean;
}

/** A leaf: one value per target. */
export interface TreeLeafNode {
  kind: 'leaf';
  values: readonly number[];
}

export type TreeNode = TreeSplitNode | TreeLeafNode;

/** One regression tree; `nodes[0]` is the root. */
export interface RegressionTree {
  nodes: readonly TreeNode[];
}

/** A sum of regression trees plus a base value per target (gradient boosting, random forest...). */
export interface TreeEnsembleModel {
  nFeatures: number;
  nTargets: number;
  /** Added to the sum of the leaves; zeros when omitted. */
  baseValues?: readonly number[];
  trees: readonly RegressionTree[];
}

/** Checks indices, leaf widths and that every tree is a proper tree (no cycles, no shared nodes). */
export function validateTreeEnsemble(model: TreeEnsembleModel): void {
  if (model.nTargets < 1) throw new Error('Tree ensemble needs at least one target');
  if (model.baseValues && model.baseValues.length !== model.nTargets) {
    throw new Error(
      `Tree ensemble: ${model.baseValues.length} base values for ${model.nTargets} targets`,
    );
  }
  model.trees.forEach((tree, t) => {
    if (tree.nodes.length === 0) throw new Error(`Tree ${t} is empty`);
    const seen = new Uint8Array(tree.nodes.length);
    const stack = [0];
    while (stack.length > 0) {
      const index = stack.pop() as number;
      if (!(index >= 0 && index < tree.nodes.length) || !Number.isInteger(index)) {
        throw new Error(`Tree ${t}: child index ${index} out of range`);
      }
      if (seen[index]) throw new Error(`Tree ${t}: node ${index} is reached twice`);
      seen[index] = 1;
      const node = tree.nodes[index];
      if (node.kind === 'leaf') {
        if (node.values.length !== model.nTargets) {
          throw new Error(
            `Tree ${t} leaf ${index}: ${node.values.length} values, expected ${model.nTargets}`,
          );
        }
        continue;
      }
      if (
        !(node.feature >= 0 && node.feature < model.nFeatures) ||
        !Number.isInteger(node.feature)
      ) {
        throw new Error(`Tree ${t} node ${index}: feature ${node.feature} out of range`);
      }
      if (!Number.isFinite(node.threshold))
        throw new Error(`Tree ${t} node ${index}: bad threshold`);
      stack.push(node.left, node.right);
    }
    const unreachable = seen.indexOf(0);
    if (unreachable >= 0) throw new Error(`Tree ${t}: node ${unreachable} is unreachable`);
  });
}

/** The leaf a row falls into. */
export function findLeaf(tree: RegressionTree, features: ArrayLike<number>): TreeLeafNode {
  let node = tree.nodes[0];
  while (node.kind === 'split') {
    const value = features[node.feature];
    const goLeft = Number.isNaN(value) ? node.missingGoesLeft === true : value <= node.threshold;
    node = tree.nodes[goLeft ? node.left : node.right];
  }
  return node;
}

/** Evaluates the ensemble on one row, in float64 (sum of leaves + base values). */
export function evaluateTreeEnsemble(
  model: TreeEnsembleModel,
  features: ArrayLike<number>,
): number[] {
  const out = model.baseValues ? [...model.baseValues] : new Array<number>(model.nTargets).fill(0);
  for (const tree of model.trees) {
    const leaf = findLeaf(tree, features);
    for (let k = 0; k < out.length; k++) out[k] += leaf.values[k];
  }
  return out;
}
