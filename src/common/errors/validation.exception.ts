import { BadRequestException, type ValidationError } from '@nestjs/common';
import type { FieldErrorDto } from './error-response.dto';

const flatten = (errors: ValidationError[], parent = ''): FieldErrorDto[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** 400 listing every bad field; built by the global ValidationPipe. */
export class RequestValidationException extends BadRequestException {
  readonly details: FieldErrorDto[];

  constructor(errors: ValidationError[]) {
    const details = flatten(errors);
    const summary = details.flatMap((d) => d.messages).join('; ');
    super(`Validation failed: ${summary}`);
    this.details = details;
  }
}
