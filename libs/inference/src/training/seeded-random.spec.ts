import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

const draw = (random: SeededRandom, count: number): number[] =>
  Array.from({ length: count }, () => random.next());

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and changes it for another seed', () => {
    expect(draw(new SeededRandom(42), 100)).toEqual(draw(new SeededRandom(42), 100));
    expect(draw(new SeededRandom(42), 100)).not.toEqual(draw(new SeededRandom(43), 100));
  });

  it('keeps the mulberry32 sequence that existing seeds and shipped models depend on', () => {
    expect(draw(new SeededRandom(1), 3)).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it('draws uniforms in [0, 1) and integers in [0, n)', () => {
    const random = new SeededRandom(5);
    const values = draw(random, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => random.int(7));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('draws normal values with the requested mean and standard deviation', () => {
    const random = new SeededRandom(9);
    const values = Array.from({ length: 50_000 }, () => random.normal(10, 2));
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('draws Bernoulli outcomes at the requested rate', () => {
    const random = new SeededRandom(11);
    const hits = Array.from({ length: 20_000 }, () => random.bernoulli(0.3)).filter(Boolean);
    expect(hits.length / 20_000).toBeCloseTo(0.3, 1);
  });

  it('returns a seeded permutation of 0..n-1', () => {
    const order = new SeededRandom(3).permutation(50);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    expect(new SeededRandom(3).permutation(50)).toEqual(order);
  });
});
