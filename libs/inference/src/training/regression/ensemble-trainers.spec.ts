import { describe, expect, it } from 'vitest';
import { evaluateTreeEnsemble } from '../../models/tree-ensemble-model';
import { SeededRandom } from '../seeded-random';
import { GRADIENT_BOOSTING_DEFAULTS, fitGradientBoosting } from './gradient-boosting';
import { RANDOM_FOREST_DEFAULTS, fitRandomForest } from './random-forest';
import { regressionMetrics } from './regression-metrics';

function sineData(n: number, seed: number): { x: Float64Array[]; y: Float64Array } {
  const random = new SeededRandom(seed);
  const x0 = Float64Array.from({ length: n }, () => random.uniform(0, 6));
  const x1 = Float64Array.from({ length: n }, () => random.uniform(0, 1)); // noise feature
  const y = Float64Array.from(x0, (v) => 10 * Math.sin(v) + random.normal(0, 0.3));
  return { x: [x0, x1], y };
}

function r2(
  fit: { model: Parameters<typeof evaluateTreeEnsemble>[0] },
  data: ReturnType<typeof sineData>,
): number {
  const predicted = Array.from(
    data.y,
    (_, i) => evaluateTreeEnsemble(fit.model, [data.x[0][i], data.x[1][i]])[0],
  );
  return regressionMetrics(data.y, predicted).r2;
}

describe('fitGradientBoosting', () => {
  const train = sineData(2000, 1);
  const test = sineData(500, 2);
  const params = { ...GRADIENT_BOOSTING_DEFAULTS, maxIterations: 100, earlyStopping: false };

  it('fits a non-linear function and credits the informative feature', () => {
    const fit = fitGradientBoosting(train.x, train.y, params, 1);
    expect(fit.iterations).toBe(100);
    expect(fit.model.trees).toHaveLength(100);
    expect(r2(fit, test)).toBeGreaterThan(0.98);
    expect(fit.featureGain[0]).toBeGreaterThan(20 * fit.featureGain[1]);
  });

  it('reports progress once per tree', () => {
    const done: number[] = [];
    fitGradientBoosting(train.x, train.y, { ...params, maxIterations: 5 }, 1, (count, total) => {
      expect(total).toBe(5);
      done.push(count);
    });
    expect(done).toEqual([1, 2, 3, 4, 5]);
  });

  it('is deterministic for a seed', () => {
    const early = { ...params, earlyStopping: true };
    const a = fitGradientBoosting(train.x, train.y, early, 9);
    const b = fitGradientBoosting(train.x, train.y, early, 9);
    expect(a.model).toEqual(b.model);
  });

  it('stops early once the validation loss stops improving', () => {
    const random = new SeededRandom(5);
    const noise = Float64Array.from({ length: 2000 }, () => random.normal());
    const fit = fitGradientBoosting(
      train.x,
      noise,
      { ...params, maxIterations: 400, earlyStopping: true },
      1,
    );
    expect(fit.iterations).toBeLessThan(100);
  });

  it('starts from the mean target', () => {
    const fit = fitGradientBoosting(train.x, train.y, { ...params, maxIterations: 1 }, 1);
    const mean = train.y.reduce((s, v) => s + v, 0) / train.y.length;
    expect(fit.model.baseValues?.[0]).toBeCloseTo(mean, 5);
  });
});

describe('fitRandomForest', () => {
  const train = sineData(2000, 3);
  const test = sineData(500, 4);
  const params = { ...RANDOM_FOREST_DEFAULTS, nTrees: 20 };

  it('averages bootstrap trees into a good fit', () => {
    const fit = fitRandomForest(train.x, train.y, params, 1);
    expect(fit.model.trees).toHaveLength(20);
    expect(r2(fit, test)).toBeGreaterThan(0.97);
  });

  it('differs between seeds and repeats for one seed', () => {
    const a = fitRandomForest(train.x, train.y, { ...params, nTrees: 3 }, 1);
    expect(fitRandomForest(train.x, train.y, { ...params, nTrees: 3 }, 1).model).toEqual(a.model);
    expect(fitRandomForest(train.x, train.y, { ...params, nTrees: 3 }, 2).model).not.toEqual(
      a.model,
    );
  });

  it('subsamples features: with half of two features some splits use the noise feature', () => {
    const fit = fitRandomForest(train.x, train.y, { ...params, maxFeatures: 0.5 }, 1);
    expect(fit.featureGain[1]).toBeGreaterThan(0);
    const all = fitRandomForest(train.x, train.y, { ...params, maxFeatures: 1, maxDepth: 2 }, 1);
    expect(all.featureGain[1]).toBe(0);
  });
});
