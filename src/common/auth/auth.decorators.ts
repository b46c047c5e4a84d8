import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { API_KEY_SECURITY_SCHEME, type Principal } from './principal';
import type { UserRole } from './user-role';

export const IS_PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Opens a route to callers without an API key (health probes, `GET /`, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Requires a valid `x-api-key` (and one of `roles`, when given) and documents exactly that in OpenAPI.
 * Every route is denied by default; this decorator is how a controller states who may call it.
 */
export const Auth = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiSecurity(API_KEY_SECURITY_SCHEME),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description: 'Missing, unknown, expired or revoked API key',
    }),
    ApiForbiddenResponse({
      type: ErrorResponseDto,
      description:
        roles.length > 0 ? `Requires role: ${roles.join(' or ')}` : 'Not allowed for this user',
    }),
  );

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const request = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!request.principal) throw new Error('CurrentUser used on a route without authentication');
    return request.principal;
  },
);
