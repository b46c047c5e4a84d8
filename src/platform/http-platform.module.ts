import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard } from '../common/auth/api-key.guard';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { createValidationPipe } from '../common/http/validation-pipe';

/** The cross-cutting HTTP behaviour, registered once: validation, the error shape, deny-by-default auth. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_PIPE, useValue: createValidationPipe() },
  ],
})
export class HttpPlatformModule {}
