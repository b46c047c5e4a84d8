import { plainToInstance, Type } from 'class-transformer';
import { IsDate, IsNumber, validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  IsStorableDate,
  IsStorableNumber,
  storableDateProblem,
  storableNumberProblem,
} from './postgres-ranges';

class Sample {
  @Type(() => Date)
  @IsStorableDate()
  @IsDate()
  at: Date;

  @IsStorableNumber('smallint')
  @IsNumber({ allowNaN: true, allowInfinity: true })
  small: number;
}

const problemsOf = (plain: Record<string, unknown>): string[] =>
  validateSync(plainToInstance(Sample, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('what PostgreSQL can store', () => {
  it('accepts dates from year 1 to year 9999, refuses the rest with the field named', () => {
    expect(storableDateProblem('date', new Date('0001-01-01T00:00:00Z'))).toBeNull();
    expect(storableDateProblem('date', new Date('9999-12-31T23:59:59.999Z'))).toBeNull();
    expect(storableDateProblem('date', new Date('2026-11-30T03:00:00Z'))).toBeNull();
    expect(storableDateProblem('date', new Date('-100000-01-01T00:00:00Z'))).toBe(
      'date must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z',
    );
    expect(storableDateProblem('date', new Date('+275760-09-13T00:00:00Z'))).not.toBeNull();
    expect(storableDateProblem('date', new Date('0000-12-31T23:59:59Z'))).not.toBeNull();
  });

  it('leaves values that are not dates or numbers to the type checks', () => {
    expect(storableDateProblem('date', 'yesterday')).toBeNull();
    expect(storableDateProblem('date', new Date('nonsense'))).toBeNull();
    expect(storableNumberProblem('n', '12', 'integer')).toBeNull();
  });

  it('accepts finite numbers within the column type only', () => {
    expect(storableNumberProblem('n', 1.5e300, 'double')).toBeNull();
    expect(storableNumberProblem('n', Infinity, 'double')).toBe('n must be a finite number');
    expect(storableNumberProblem('n', NaN, 'integer')).toBe('n must be a finite number');
    expect(storableNumberProblem('n', 32767, 'smallint')).toBeNull();
    expect(storableNumberProblem('n', 32768, 'smallint')).toBe(
      'n must be an integer from -32768 to 32767',
    );
    expect(storableNumberProblem('n', 2 ** 31, 'integer')).not.toBeNull();
    expect(storableNumberProblem('n', 1.5, 'bigint')).not.toBeNull();
    expect(storableNumberProblem('n', 2 ** 53, 'bigint')).not.toBeNull();
  });

  it('as class-validator rules: one message per problem', () => {
    expect(problemsOf({ at: '2026-01-01T00:00:00Z', small: 3 })).toEqual([]);
    expect(problemsOf({ at: '-100000-01-01T00:00:00Z', small: 3 })).toEqual([
      'at must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z',
    ]);
    expect(problemsOf({ at: 'soon', small: 40000 })).toEqual([
      'at must be a Date instance',
      'small must be an integer from -32768 to 32767',
    ]);
  });
});
