import { describe, expect, it } from 'vitest';
import { checkRows, rowDigest, type FeatureSpec } from './feature-spec';

const FEATURES: FeatureSpec[] = [
  { name: 'm2', kind: 'numeric' },
  { name: 'bairro', kind: 'categorical' },
];

describe('prediction rows against a model version', () => {
  it('returns values in feature order, reading numeric strings and numbered categories', () => {
    const { values, problems } = checkRows(
      [
        { bairro: 'Centro', m2: 80, extra: true },
        { m2: '95.5', bairro: 3 },
      ],
      FEATURES,
    );
    expect(problems).toEqual([]);
    expect(values).toEqual([
      [80, 'Centro'],
      [95.5, '3'],
    ]);
  });

  it('names the row index and column of every missing or mistyped feature', () => {
    const { problems } = checkRows(
      [{ m2: 'big', bairro: 'Sul' }, { m2: 50 }, { m2: null, bairro: { a: 1 } }],
      FEATURES,
    );
    expect(problems).toEqual([
      { row: 0, column: 'm2', message: 'row 0: feature "m2" must be a number, got "big"' },
      { row: 1, column: 'bairro', message: 'row 1: feature "bairro" is missing' },
      { row: 2, column: 'm2', message: 'row 2: feature "m2" is missing' },
      { row: 2, column: 'bairro', message: 'row 2: feature "bairro" must be a string' },
    ]);
  });

  it('gives equal rows one cache identity, whatever their key order', () => {
    const [a, b] = checkRows(
      [
        { m2: 80, bairro: 'Centro' },
        { bairro: 'Centro', m2: '80' },
      ],
      FEATURES,
    ).values;
    expect(rowDigest(a)).toBe(rowDigest(b));
    expect(rowDigest(a)).not.toBe(rowDigest([81, 'Centro']));
  });
});
