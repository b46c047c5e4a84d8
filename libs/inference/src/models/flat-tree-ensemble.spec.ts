import { describe, expect, it } from 'vitest';
import { randomEnsemble } from '../testing/random-trees';
import { SeededRandom } from '../testing/seeded-random';
import { FlatTreeEnsemble } from './flat-tree-ensemble';
import { evaluateTreeEnsemble } from './tree-ensemble-model';

describe('FlatTreeEnsemble', () => {
  it('evaluates exactly like evaluateTreeEnsemble, missing values included', () => {
    const random = new SeededRandom(4);
    const rows = random.matrix(50, 5, -2, 2);
    const base = randomEnsemble(random, rows, { trees: 20, depth: 5, nTargets: 1 });
    // Half the splits send missing values left.
    const model = {
      ...base,
      baseValues: [0.25],
      trees: base.trees.map((tree) => ({
        nodes: tree.nodes.map((node, i) =>
          node.kind === 'split' ? { ...node, missingGoesLeft: i % 2 === 0 } : node,
        ),
      })),
    };
    const flat = new FlatTreeEnsemble(model);
    for (let i = 0; i < 300; i++) {
      const row = random
        .float32s(model.nFeatures, -2, 2)
        .map((v) => (random.bernoulli(0.1) ? NaN : v));
      expect(flat.predict(row)).toBe(evaluateTreeEnsemble(model, row)[0]);
    }
  });

  it('refuses multi-target ensembles', () => {
    expect(
      () =>
        new FlatTreeEnsemble({
          nFeatures: 1,
          nTargets: 2,
          trees: [{ nodes: [{ kind: 'leaf', values: [1, 2] }] }],
        }),
    ).toThrow(/single-target/);
  });
});
