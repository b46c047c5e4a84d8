import { describe, expect, it } from 'vitest';
import { TreeEnsembleModel, evaluateTreeEnsemble } from '../models/tree-ensemble-model';
import { runRows } from '../testing/onnx-test-session';
import { randomEnsemble } from '../testing/random-trees';
import { SeededRandom } from '../testing/seeded-random';
import {
  float32Below,
  float32SafeThreshold,
  roundThresholdsForFloat32,
} from './float32-thresholds';
import { buildTreeEnsembleOnnx } from './tree-ensemble-onnx';

function stump(threshold: number): TreeEnsembleModel {
  return {
    nFeatures: 1,
    nTargets: 1,
    trees: [
      {
        nodes: [
          { kind: 'split', feature: 0, threshold, left: 1, right: 2 },
          { kind: 'leaf', values: [-1] },
          { kind: 'leaf', values: [1] },
        ],
      },
    ],
  };
}

/** Count of (row, split) pairs whose float32 branch (as ONNX Runtime sees it) differs from float64. */
function float32Flips(
  trained: TreeEnsembleModel,
  written: TreeEnsembleModel,
  rows: number[][],
): number {
  let flips = 0;
  trained.trees.forEach((tree, t) =>
    tree.nodes.forEach((node, n) => {
      const stored = written.trees[t].nodes[n];
      if (node.kind !== 'split' || stored.kind !== 'split') return;
      for (const row of rows) {
        const float64 = row[node.feature] <= node.threshold;
        const float32 = Math.fround(row[node.feature]) <= Math.fround(stored.threshold);
        if (float64 !== float32) flips++;
      }
    }),
  );
  return flips;
}

describe('float32 thresholds', () => {
  // x sits above t in float64, but both round to the same float32 (1.0).
  const t = 1.0;
  const above = 1 + 1e-10;
  const training = [[0.5], [0.9999], [above], [1.5]];

  it('naive float32 storage flips a training row; the rounded threshold keeps it on its side', async () => {
    expect(above > t).toBe(true);
    expect(Math.fround(above) <= Math.fround(t)).toBe(true); // the flip, in plain arithmetic

    const trained = stump(t);
    const expected = evaluateTreeEnsemble(trained, [above]); // float64 says: right leaf, +1
    expect(expected).toEqual([1]);

    const naive = await runRows(buildTreeEnsembleOnnx(trained), [[above]]);
    expect(naive).toEqual([[-1]]); // ONNX Runtime, float32: left leaf

    const { model: rounded, adjusted, inseparable } = roundThresholdsForFloat32(trained, training);
    expect(adjusted).toBe(1);
    expect(inseparable).toBe(0);
    const safe = await runRows(buildTreeEnsembleOnnx(rounded), training);
    expect(safe).toEqual(training.map((row) => evaluateTreeEnsemble(trained, row)));
  });

  it('picks the nearest float32 when it already separates, the float32 below the right neighbour otherwise', () => {
    const column = Float64Array.from([0.5, 0.9999, above, 1.5]);
    expect(float32SafeThreshold(1.2, column)).toEqual({
      threshold: Math.fround(1.2),
      separable: true,
    });
    const adjusted = float32SafeThreshold(t, column);
    expect(adjusted).toEqual({ threshold: float32Below(1), separable: true });
    expect(
      Math.fround(0.9999) <= adjusted.threshold && adjusted.threshold < Math.fround(above),
    ).toBe(true);
  });

  it('reports splits no float32 threshold can separate', () => {
    const column = Float64Array.from([1, above]);
    expect(float32SafeThreshold(1 + 5e-11, column).separable).toBe(false);
    expect(roundThresholdsForFloat32(stump(1 + 5e-11), [[1], [above]]).inseparable).toBe(1);
  });

  it('float32Below steps one unit in the last place across signs and zero', () => {
    expect(float32Below(1)).toBe(1 - 2 ** -24);
    expect(float32Below(-1)).toBe(-(1 + 2 ** -23));
    expect(float32Below(0)).toBe(-(2 ** -149));
    expect(float32Below(Infinity)).toBe(Math.fround(3.4028234663852886e38));
  });

  it('removes every float32 flip when thresholds are float64 midpoints of float32-adjacent values', () => {
    const random = new SeededRandom(2024);
    // Each value comes with its float32 successor: distinct in float32, but the float64 midpoint
    // between them rounds (ties to even) onto one of them about half the time.
    const rows: number[][] = [];
    for (let i = 0; i < 250; i++) {
      const value = Math.fround(random.uniform(0, 50));
      rows.push([value, random.uniform(-1, 1)], [-float32Below(-value), random.uniform(-1, 1)]);
    }
    const distinct = [...new Set(rows.map((row) => row[0]))].sort((a, b) => a - b);
    const grown = randomEnsemble(random, rows, { trees: 40, depth: 4, nTargets: 1 });
    const trained: TreeEnsembleModel = {
      ...grown,
      trees: grown.trees.map((tree) => ({
        nodes: tree.nodes.map((node) => {
          if (node.kind !== 'split' || node.feature !== 0) return node;
          const i = random.int(distinct.length - 1);
          return { ...node, threshold: (distinct[i] + distinct[i + 1]) / 2 };
        }),
      })),
    };
    const naive: TreeEnsembleModel = {
      ...trained,
      trees: trained.trees.map((tree) => ({
        nodes: tree.nodes.map((node) =>
          node.kind === 'split' ? { ...node, threshold: Math.fround(node.threshold) } : node,
        ),
      })),
    };
    const { model: rounded, inseparable, adjusted } = roundThresholdsForFloat32(trained, rows);

    expect(float32Flips(trained, naive, rows)).toBeGreaterThan(0);
    expect(adjusted).toBeGreaterThan(0);
    expect(inseparable).toBe(0);
    expect(float32Flips(trained, rounded, rows)).toBe(0);
  });
});
