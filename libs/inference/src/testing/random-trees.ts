import { RegressionTree, TreeEnsembleModel, TreeNode } from '../models/tree-ensemble-model';
import { SeededRandom } from './seeded-random';

/** A random tree whose thresholds are midpoints between training values, like a trained one. */
export function randomTree(
  random: SeededRandom,
  rows: readonly (readonly number[])[],
  depth: number,
  nTargets: number,
): RegressionTree {
  const nodes: TreeNode[] = [];
  const grow = (level: number): number => {
    const index = nodes.length;
    if (level === depth) {
      nodes.push({
        kind: 'leaf',
        values: Array.from({ length: nTargets }, () => random.uniform(-2, 2)),
      });
      return index;
    }
    const feature = random.int(rows[0].length);
    const a = rows[random.int(rows.length)][feature];
    const b = rows[random.int(rows.length)][feature];
    nodes.push({ kind: 'split', feature, threshold: (a + b) / 2, left: -1, right: -1 });
    const left = grow(level + 1);
    const right = grow(level + 1);
    nodes[index] = { kind: 'split', feature, threshold: (a + b) / 2, left, right };
    return index;
  };
  grow(0);
  return { nodes };
}

export function randomEnsemble(
  random: SeededRandom,
  rows: readonly (readonly number[])[],
  options: { trees: number; depth: number; nTargets: number },
): TreeEnsembleModel {
  return {
    nFeatures: rows[0].length,
    nTargets: options.nTargets,
    baseValues: Array.from({ length: options.nTargets }, () => random.uniform(-1, 1)),
    trees: Array.from({ length: options.trees }, () =>
      randomTree(random, rows, options.depth, options.nTargets),
    ),
  };
}
