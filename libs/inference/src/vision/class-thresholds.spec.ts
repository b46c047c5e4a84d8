import { describe, expect, it } from 'vitest';
import { ClassThresholds } from './class-thresholds';

const names = ['hammer', 'wrench', 'pliers'];

describe('ClassThresholds', () => {
  it('uses the floor for classes without their own threshold', () => {
    const thresholds = ClassThresholds.uniform(0.25);
    expect(thresholds.thresholdFor(0)).toBe(0.25);
    expect(thresholds.thresholdFor(79)).toBe(0.25);
  });

  it('applies a class threshold above the floor, and the floor above a lower one', () => {
    const thresholds = new ClassThresholds({
      floor: 0.5,
      perClass: { hammer: 0.7, wrench: 0.3 },
      classNames: names,
    });

    expect(thresholds.thresholdFor(0)).toBe(0.7);
    expect(thresholds.thresholdFor(1)).toBe(0.5);
    expect(thresholds.thresholdFor(2)).toBe(0.5);
  });

  it('accepts class indices as keys, with or without names', () => {
    expect(new ClassThresholds({ floor: 0.1, perClass: { '2': 0.9 } }).thresholdFor(2)).toBe(0.9);
    expect(
      new ClassThresholds({ floor: 0.1, perClass: { '1': 0.6 }, classNames: names }).thresholdFor(
        1,
      ),
    ).toBe(0.6);
  });

  it('takes the highest value when a class is keyed by both name and index', () => {
    const thresholds = new ClassThresholds({
      floor: 0.1,
      perClass: { pliers: 0.4, '2': 0.8 },
      classNames: names,
    });
    expect(thresholds.thresholdFor(2)).toBe(0.8);
  });

  it('reports keys that match no class and ignores them', () => {
    const thresholds = new ClassThresholds({
      floor: 0.2,
      perClass: { saw: 0.9, '3': 0.9, '-1': 0.9, '01': 0.9, hammer: 0.3 },
      classNames: names,
    });

    expect(thresholds.unmatchedKeys).toEqual(['3', 'saw', '-1', '01']);
    expect([0, 1, 2].map((c) => thresholds.thresholdFor(c))).toEqual([0.3, 0.2, 0.2]);
  });

  it('rejects thresholds outside 0..1', () => {
    expect(() => ClassThresholds.uniform(1.5)).toThrow(RangeError);
    expect(() => ClassThresholds.uniform(Number.NaN)).toThrow(RangeError);
    expect(() => new ClassThresholds({ floor: 0.5, perClass: { hammer: -0.1 } })).toThrow(
      RangeError,
    );
  });
});
