import { TreeEnsembleModel, validateTreeEnsemble } from './tree-ensemble-model';

/**
 * A single-target tree ensemble packed into typed arrays for fast row-by-row evaluation. Gives
 * exactly `evaluateTreeEnsemble`'s result (same comparisons, same summation order).
 */
export class FlatTreeEnsemble {
  private readonly roots: Int32Array;
  /** Split feature, or -1 for a leaf. */
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly missingLeft: Uint8Array;
  private readonly value: Float64Array;
  private readonly base: number;

  constructor(model: TreeEnsembleModel) {
    validateTreeEnsemble(model);
    if (model.nTargets !== 1) throw new Error('FlatTreeEnsemble evaluates single-target ensembles');
    const total = model.trees.reduce((sum, tree) => sum + tree.nodes.length, 0);
    this.roots = new Int32Array(model.trees.length);
    this.feature = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.missingLeft = new Uint8Array(total);
    this.value = new Float64Array(total);
    this.base = model.baseValues?.[0] ?? 0;
    let offset = 0;
    model.trees.forEach((tree, t) => {
      this.roots[t] = offset;
      tree.nodes.forEach((node, i) => {
        const at = offset + i;
        if (node.kind === 'leaf') {
          this.feature[at] = -1;
          this.value[at] = node.values[0];
          return;
        }
        this.feature[at] = node.feature;
        this.threshold[at] = node.threshold;
        this.left[at] = offset + node.left;
        this.right[at] = offset + node.right;
        this.missingLeft[at] = node.missingGoesLeft ? 1 : 0;
      });
      offset += tree.nodes.length;
    });
  }

  /** The ensemble's value for one row (NaN = missing). */
  predict(row: ArrayLike<number>): number {
    let sum = this.base;
    for (let t = 0; t < this.roots.length; t++) {
      let node = this.roots[t];
      let feature = this.feature[node];
      while (feature >= 0) {
        const x = row[feature];
        const goLeft = x !== x ? this.missingLeft[node] === 1 : x <= this.threshold[node];
        node = goLeft ? this.left[node] : this.right[node];
        feature = this.feature[node];
      }
      sum += this.value[node];
    }
    return sum;
  }
}
