import {
  Injectable,
  UnauthorizedException,
  ForbiddenException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
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
    const presented = request.headers[API_KEY_HEADER];
    if (typeof presented !== 'string' || presented.length === 0) {
      throw new UnauthorizedException(`Missing API key: send it in the ${API_KEY_HEADER} header`);
    }
    const principal = await this.verifier.verify(presented);
    if (!principal) throw new UnauthorizedException('Invalid, expired or revoked API key');
    request.principal = principal;

    const roles =
      this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets) ?? [];
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenException(
        `This action requires the role ${roles.join(' or ')}; you are ${principal.role}`,
      );
    }
    return true;
  }
}
