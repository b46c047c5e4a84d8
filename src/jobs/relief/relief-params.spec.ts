import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  assertReliefParams,
  DEFAULT_RELIEF_PARAMS,
  RELIEF_PARAM_SCHEMA,
  type ReliefParams,
} from './relief-params';
import { InvalidReliefInputError } from './relief.errors';

describe('RELIEF_PARAM_SCHEMA', () => {
  const validate = new Ajv({ strict: true, useDefaults: true }).compile(RELIEF_PARAM_SCHEMA);

  it('fills an empty object with the defaults', () => {
    const params = {};

    expect(validate(params)).toBe(true);
    expect(params).toEqual(DEFAULT_RELIEF_PARAMS);
  });

  it.each([
    [{ resolution: 8 }, 'must be >= 16'],
    [{ resolution: 257 }, 'must be <= 256'],
    [{ resolution: 64.5 }, 'must be integer'],
    [{ depth: 0 }, 'must be >= 0.01'],
    [{ depth: 0.6 }, 'must be <= 0.5'],
    [{ smoothing: 5 }, 'must be <= 4'],
    [{ invert: 'yes' }, 'must be boolean'],
    [{ colour: 'red' }, 'must NOT have additional properties'],
  ])('refuses %j', (input, message) => {
    expect(validate({ ...DEFAULT_RELIEF_PARAMS, ...input })).toBe(false);
    expect(validate.errors?.[0]?.message).toBe(message);
  });
});

describe('assertReliefParams', () => {
  it('accepts the defaults and the ends of each range', () => {
    expect(() => assertReliefParams(DEFAULT_RELIEF_PARAMS)).not.toThrow();
    expect(() =>
      assertReliefParams({ resolution: 16, depth: 0.5, invert: true, smoothing: 0 }),
    ).not.toThrow();
    expect(() =>
      assertReliefParams({ resolution: 256, depth: 0.01, invert: false, smoothing: 4 }),
    ).not.toThrow();
  });

  it.each([
    [{ resolution: 100_000 }, 'resolution must be an integer from 16 to 256; got 100000'],
    [{ resolution: Number.NaN }, 'resolution must be an integer from 16 to 256; got NaN'],
    [{ depth: Number.POSITIVE_INFINITY }, 'depth must be a number from 0.01 to 0.5; got Infinity'],
    [{ smoothing: 1.5 }, 'smoothing must be an integer from 0 to 4; got 1.5'],
    [{ invert: 'no' }, 'invert must be true or false; got no'],
  ])('refuses %j with a readable message', (input, message) => {
    const params = { ...DEFAULT_RELIEF_PARAMS, ...input } as unknown as ReliefParams;

    expect(() => assertReliefParams(params)).toThrow(new InvalidReliefInputError(message));
  });
});
