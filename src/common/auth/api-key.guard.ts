import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authorize } from './authorize';
import { API_KEY_HEADER, ApiKeyVerifier, type Principal } from './principal';
import { routeAccessOf } from './route-access';

type AuthenticatedRequest = {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
};

/** Global guard: deny by default; `@Public()` opens a route; `@Auth(...roles)` narrows it to roles. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, roles } = routeAccessOf(this.reflector, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await authorize(this.verifier, request.headers[API_KEY_HEADER], roles);
    return true;
  }
}
