import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';

/** Detector class names as Ultralytics writes them: lower-case letters, digits and underscores. */
export const DETECTOR_CLASS_PATTERN = /^[a-z0-9][a-z0-9_]{0,63}$/;

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** A one-line name or label: trimmed, `min`-`max` characters, no control characters. */
export const IsTextLine = (min: number, max: number): PropertyDecorator =>
  applyDecorators(
    Transform(trim),
    IsString(),
    Length(min, max),
    // eslint-disable-next-line no-control-regex
    Matches(/^[^\x00-\x1f\x7f]*$/, {
      message: ({ property }) => `${property} must not contain control characters`,
    }),
    ApiProperty({ minLength: min, maxLength: max }),
  );

export const IsDetectorClass = (): PropertyDecorator =>
  applyDecorators(
    Matches(DETECTOR_CLASS_PATTERN, {
      message: ({ property }) =>
        `${property} must be a detector class name: lower-case letters, digits and underscores (tape_measure)`,
    }),
    ApiProperty({ pattern: DETECTOR_CLASS_PATTERN.source }),
  );
