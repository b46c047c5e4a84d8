import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../seeded-random';
import { GrownNode, HistogramTreeGrower, TreeGrowthParams } from './histogram-tree';
import { binMatrix } from './quantile-binning';

const params: TreeGrowthParams = {
  maxLeafNodes: 2,
  maxDepth: 0,
  minSamplesLeaf: 1,
  l2Regularization: 0,
  shrinkage: 1,
  featureFraction: 1,
};

/** Least-squares tree on y (gradients -y, hessians 1): leaves are mean targets. */
function growOnTargets(
  features: number[][],
  y: number[],
  overrides: Partial<TreeGrowthParams> = {},
): GrownNode[] {
  const grower = new HistogramTreeGrower(
    binMatrix(
      features.map((column) => Float64Array.from(column)),
      255,
    ),
  );
  return grower.grow(
    Float64Array.from(y, (v) => -v),
    null,
    { ...params, ...overrides },
    null,
  );
}

const leaves = (nodes: GrownNode[]): number[] =>
  nodes.filter((n) => n.feature < 0).map((n) => n.value);

describe('HistogramTreeGrower', () => {
  it('finds the split of a step and its gain', () => {
    const nodes = growOnTargets([[1, 2, 3, 4, 5, 6, 7, 8]], [0, 0, 0, 0, 10, 10, 10, 10]);
    expect(nodes).toHaveLength(3);
    expect(nodes[0]).toMatchObject({ feature: 0, bin: 3, gain: 200 }); // 40²/4 - 40²/8
    expect(leaves(nodes)).toEqual([0, 10]);
  });

  it('picks the informative feature', () => {
    const nodes = growOnTargets(
      [
        [5, 3, 8, 1, 7, 2, 6, 4],
        [1, 1, 1, 1, 2, 2, 2, 2],
      ],
      [1, 1, 1, 1, 5, 5, 5, 5],
    );
    expect(nodes[0].feature).toBe(1);
  });

  it('grows leaf-wise, best gain first, up to maxLeafNodes', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 100, 100, 100, 100];
    const two = growOnTargets([x], y);
    expect(two[0].bin).toBe(7); // the big jump first
    const three = growOnTargets([x], y, { maxLeafNodes: 3 });
    expect(leaves(three).sort((a, b) => a - b)).toEqual([0, 1, 100]);
  });

  it('respects minSamplesLeaf and maxDepth', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [50, 0, 0, 0, 0, 0, 0, 0];
    expect(growOnTargets([x], y)[0].bin).toBe(0);
    expect(growOnTargets([x], y, { minSamplesLeaf: 3 })[0].bin).toBe(2);
    expect(growOnTargets([x], y, { maxLeafNodes: 8, maxDepth: 1 })).toHaveLength(3);
  });

  it('sends missing values to the side that fits them', () => {
    const nodes = growOnTargets([[1, 2, 3, 4, NaN, NaN]], [0, 0, 9, 9, 9, 9]);
    expect(nodes[0]).toMatchObject({ bin: 1, missingGoesLeft: false });
    const left = growOnTargets([[1, 2, 3, 4, NaN, NaN]], [0, 0, 9, 9, 0, 0]);
    expect(left[0]).toMatchObject({ bin: 1, missingGoesLeft: true });
  });

  it('splits missing values from all present ones', () => {
    const nodes = growOnTargets([[1, 2, 3, NaN]], [0, 0, 0, 7]);
    expect(nodes[0]).toMatchObject({ bin: 2, missingGoesLeft: false });
    expect(leaves(nodes)).toEqual([0, 7]);
  });

  it('applies shrinkage and L2 to leaf values: -lr·G/(H+λ)', () => {
    const nodes = growOnTargets([[1, 2]], [4, 4], { l2Regularization: 2, shrinkage: 0.5 });
    expect(leaves(nodes)).toEqual([(0.5 * 8) / 4]);
  });

  it('uses hessian weights and a row subset (bootstrap)', () => {
    const grower = new HistogramTreeGrower(binMatrix([Float64Array.from([1, 2, 3, 4])], 255));
    const weights = Float64Array.from([3, 0, 1, 1]);
    const y = [1, 100, 5, 5];
    const nodes = grower.grow(
      Float64Array.from(y, (v, i) => -v * weights[i]),
      weights,
      { ...params, maxLeafNodes: Infinity },
      new SeededRandom(1),
      Uint32Array.from([0, 2, 3]),
    );
    expect(leaves(nodes)).toEqual([1, 5]);
    expect(nodes[0].weight).toBe(5);
  });

  it('builds the same tree with histogram subtraction as the partition implies', () => {
    const random = new SeededRandom(3);
    const x = Array.from({ length: 500 }, () => random.uniform(0, 10));
    const y = x.map((v) => Math.sin(v) + random.normal(0, 0.1));
    const nodes = growOnTargets([x], y, { maxLeafNodes: 31, minSamplesLeaf: 5 });
    for (const node of nodes) {
      if (node.feature < 0) continue;
      // A node's weight is the row count; its children's add up to it.
      expect(node.weight).toBe(node.end - node.start);
      expect(nodes[node.left].weight + nodes[node.right].weight).toBe(node.weight);
    }
    expect(leaves(nodes)).toHaveLength(31);
  });
});
