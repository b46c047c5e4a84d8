import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { authorize } from './authorize';
import { API_KEY_HEADER, ApiKeyVerifier, type Principal } from './principal';
import type { UserRole } from './user-role';

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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const roles =
      this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets) ?? [];
    request.principal = await authorize(this.verifier, request.headers[API_KEY_HEADER], roles);
    return true;
  }
}
