import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { RequestValidationException } from '../errors/validation.exception';

/** How every request DTO is validated: unknown fields refused, values transformed, every bad field reported. */
export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
};

/** The application's validation pipe (global `APP_PIPE`, and lean routes' body validation). */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe(VALIDATION_PIPE_OPTIONS);
