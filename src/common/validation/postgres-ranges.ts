import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * What PostgreSQL can store, checked before a value reaches the database so a client gets a 4xx (or an import a
 * line-numbered problem) instead of a database error. Dates: PostgreSQL's `timestamptz` spans 4713 BC to
 * 294276 AD, JavaScript's Date ±275760 years; the platform accepts the four-digit years of ISO 8601,
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Numbers: finite and within the column's type.
 */
export const STORABLE_DATE_RANGE = {
  min: new Date('0001-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
} as const;

export type NumericColumn = 'smallint' | 'integer' | 'bigint' | 'double';

const INTEGER_RANGES: Record<Exclude<NumericColumn, 'double'>, [number, number]> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  // bigint reaches ±2^63, but JavaScript numbers are exact only up to 2^53.
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Why `value` cannot be stored in a `timestamptz` column, or null when it can (or is not a valid Date at all). */
export function storableDateProblem(field: string, value: unknown): string | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
  if (value < STORABLE_DATE_RANGE.min || value > STORABLE_DATE_RANGE.max)
    return `${field} must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z`;
  return null;
}

/** Why `value` cannot be stored in a numeric column of type `column`, or null when it can (or is not a number). */
export function storableNumberProblem(
  field: string,
  value: unknown,
  column: NumericColumn,
): string | null {
  if (typeof value !== 'number') return null;
  if (!Number.isFinite(value)) return `${field} must be a finite number`;
  if (column === 'double') return null;
  const [min, max] = INTEGER_RANGES[column];
  if (!Number.isInteger(value) || value < min || value > max)
    return `${field} must be an integer from ${min} to ${max}`;
  return null;
}

/**
 * class-validator rule: a Date within STORABLE_DATE_RANGE. Values that are not Dates pass, so `@IsDate()` beside it
 * reports them once.
 */
export function IsStorableDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStorableDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => storableDateProblem('', value) === null,
        defaultMessage: (args) => storableDateProblem(args?.property ?? 'value', args?.value) ?? '',
      },
    });
}

/**
 * class-validator rule: a number storable in a column of type `column`. Values that are not numbers pass, so
 * `@IsNumber()`/`@IsInt()` beside it reports them once.
 */
export function IsStorableNumber(
  column: NumericColumn,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStorableNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [column],
      options,
      validator: {
        validate: (value: unknown) => storableNumberProblem('', value, column) === null,
        defaultMessage: (args) =>
          storableNumberProblem(args?.property ?? 'value', args?.value, column) ?? '',
      },
    });
}
