import { describe, expect, it } from 'vitest';
import { splitTrainTest } from './data-split';

describe('splitTrainTest', () => {
  it('puts every row in exactly one part, with the requested test share', () => {
    const { train, test } = splitTrainTest(1000, 0.2, 7);
    expect(test).toHaveLength(200);
    expect(train).toHaveLength(800);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i),
    );
    expect(test).toEqual([...test].sort((a, b) => a - b));
  });

  it('is the same for the same seed and different for another', () => {
    expect(splitTrainTest(500, 0.3, 1)).toEqual(splitTrainTest(500, 0.3, 1));
    expect(splitTrainTest(500, 0.3, 1).test).not.toEqual(splitTrainTest(500, 0.3, 2).test);
  });

  it('rejects a test fraction outside (0, 1)', () => {
    expect(() => splitTrainTest(10, 0, 1)).toThrow(/testFraction/);
    expect(() => splitTrainTest(10, 1, 1)).toThrow(/testFraction/);
  });
});
