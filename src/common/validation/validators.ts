import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isUuid } from '@app/database';
import { IsIn, IsInt, IsNumber, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';

// The platform's shared input rules, each written once: a decorator that validates a DTO field (with a message
// naming the field) and documents the same rule in OpenAPI. Code outside DTOs uses the exported predicates and
// patterns, so a rule cannot drift between a request body, a query string, a seed file and a manifest.

type PropertyRule = PropertyDecorator;

/** A record id: a UUID in the 8-4-4-4-12 hex form (the platform makes version 7; any version is accepted). */
export const IsRecordId = (): PropertyRule =>
  applyDecorators(
    ValidateBy({
      name: 'isRecordId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isUuid(value),
        defaultMessage: (args) => `${args?.property ?? 'id'} must be a UUID`,
      },
    }),
    ApiProperty({ format: 'uuid' }),
  );

/** Catalogue ids (`relief-v1`): lower-case letters, digits, dots and dashes, 2-64 characters. */
export const CATALOGUE_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{1,63}$/;

export const IsCatalogueId = (): PropertyRule =>
  applyDecorators(
    Matches(CATALOGUE_ID_PATTERN, {
      message: ({ property }) => `${property} must be a catalogue id such as relief-v1`,
    }),
    ApiProperty({ pattern: CATALOGUE_ID_PATTERN.source }),
  );

/** Version labels (`1.0.0`, `2026-11+gpu`): 1-64 letters, digits, `. _ + -`, starting with a letter or digit. */
export const VERSION_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export const IsVersionLabel = (): PropertyRule =>
  applyDecorators(
    Matches(VERSION_LABEL_PATTERN, {
      message: ({ property }) =>
        `${property} must be a version: 1-64 letters, digits, . _ + -, starting with a letter or digit`,
    }),
    ApiProperty({ pattern: VERSION_LABEL_PATTERN.source }),
  );

/** Codes people type (order numbers, usernames): `min`-`max` letters, digits, dot, dash or underscore. */
export const IsPlainCode = (min = 1, max = 64): PropertyRule => {
  const pattern = new RegExp(`^[A-Za-z0-9._-]{${min},${max}}$`);
  return applyDecorators(
    Matches(pattern, {
      message: ({ property }) =>
        `${property} must be ${min}-${max} letters, digits, dot, dash or underscore`,
    }),
    ApiProperty({ pattern: pattern.source }),
  );
};

/**
 * A finite number within [min, max]. The type check is registered first so a non-number is reported as such
 * before the range messages (the order class-validator lists them in).
 */
export const IsNumberInRange = (min: number, max: number): PropertyRule =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Max(max),
    Min(min),
    ApiProperty({ minimum: min, maximum: max }),
  );

/** A whole number within [min, max]. */
export const IsIntInRange = (min: number, max: number): PropertyRule =>
  applyDecorators(
    IsInt(),
    Min(min),
    Max(max),
    ApiProperty({ type: 'integer', minimum: min, maximum: max }),
  );

/** A yes/no verdict stored as 0 or 1; with `nullable`, null (unknown, or clearing it) is accepted too. */
export const IsBinaryFlag = ({ nullable = false } = {}): PropertyRule =>
  applyDecorators(
    ...(nullable ? [ValidateIf((_object: unknown, value: unknown) => value !== null)] : []),
    IsIn([0, 1], {
      message: ({ property }) => `${property} must be ${nullable ? '0, 1 or null' : '0 or 1'}`,
    }),
    ApiProperty({ type: 'integer', enum: [0, 1], ...(nullable ? { nullable: true } : {}) }),
  );

const TOKEN = "[a-z0-9!#$%&'*+.^_`|~-]+";
const PARAMETER = `${TOKEN}=(?:${TOKEN}|"[^"\\\\\\x00-\\x1f\\x7f]*")`;
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:; ${PARAMETER})*$`);
export const MAX_MEDIA_TYPE_LENGTH = 200;

/** A Content-Type in canonical spelling (lower case, `; ` between parameters), at most 200 characters. */
export const isMediaType = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= MAX_MEDIA_TYPE_LENGTH &&
  MEDIA_TYPE.test(value);

export const IsMediaType = (): PropertyRule =>
  applyDecorators(
    ValidateBy({
      name: 'isMediaType',
      validator: {
        validate: isMediaType,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a media type such as image/png`,
      },
    }),
    ApiProperty({ maxLength: MAX_MEDIA_TYPE_LENGTH, example: 'image/png' }),
  );

/** One of the listed content types, e.g. the image types an upload may have. */
export const IsContentTypeIn = (types: readonly string[]): PropertyRule =>
  applyDecorators(
    IsIn(types, { message: ({ property }) => `${property} must be one of ${types.join(', ')}` }),
    ApiProperty({ enum: [...types] }),
  );
