import { BadRequestException, type ValidationError } from '@nestjs/common';
import type { FieldErrorDto } from './error-response.dto';

const flatten = (errors: ValidationError[], parent = ''): FieldErrorDto[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** 400 listing every bad field; built by the global ValidationPipe and by lean routes' parsers. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly details: FieldErrorDto[]) {
    super(`Validation failed: ${details.flatMap((d) => d.messages).join('; ')}`);
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(flatten(errors));
  }
}
