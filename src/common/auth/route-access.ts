import type { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { UserRole } from './user-role';

/** Who may call a route, as its `@Public()` / `@Auth(...roles)` decorators say (method over controller). */
export interface RouteAccess {
  isPublic: boolean;
  /** Any valid key when empty. */
  roles: UserRole[];
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function routeAccessOf(reflector: Reflector, targets: [Function, Function]): RouteAccess {
  return {
    isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) ?? false,
    roles: reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets) ?? [],
  };
}
