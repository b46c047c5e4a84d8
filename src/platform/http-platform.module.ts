import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard } from '../common/auth/api-key.guard';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { RequestValidationException } from '../common/errors/validation.exception';

/** The cross-cutting HTTP behaviour, registered once: validation, the error shape, deny-by-default auth. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
      }),
    },
  ],
})
export class HttpPlatformModule {}
