import { SeededRandom } from '../seeded-random';
import { TabularTrainingData } from './regression-types';

/**
 * Synthetic data for specs: y = 5·a + b² + (red 10 | green -5 | blue 0) + noise, with missing
 * values in `a` and `colour` (5 % each).
 */
export function syntheticHouses(n: number, seed = 1, noise = 0.5): TabularTrainingData {
  const random = new SeededRandom(seed);
  const colours = ['red', 'green', 'blue'];
  const effect: Record<string, number> = { red: 10, green: -5, blue: 0 };
  const rows: TabularTrainingData['rows'] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = random.uniform(0, 10);
    const b = random.uniform(-3, 3);
    const colour = colours[random.int(3)];
    const aMissing = random.bernoulli(0.05);
    const colourMissing = random.bernoulli(0.05);
    rows.push([aMissing ? null : a, b, colourMissing ? null : colour]);
    target.push(
      (aMissing ? 25 : 5 * a) +
        b * b +
        (colourMissing ? 0 : effect[colour]) +
        random.normal(0, noise),
    );
  }
  return {
    columns: [
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'numeric' },
      { name: 'colour', kind: 'categorical' },
    ],
    rows,
    target,
  };
}
