import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { API_KEY_HEADER, type ApiKeyVerifier, type Principal } from './principal';
import type { UserRole } from './user-role';

/** The one authentication rule: a valid x-api-key, and one of `roles` when any are required. */
export async function authorize(
  verifier: ApiKeyVerifier,
  presented: string | string[] | undefined,
  roles: readonly UserRole[],
): Promise<Principal> {
  if (typeof presented !== 'string' || presented.length === 0) {
    throw new UnauthorizedException(`Missing API key: send it in the ${API_KEY_HEADER} header`);
  }
  const principal = await verifier.verify(presented);
  if (!principal) throw new UnauthorizedException('Invalid, expired or revoked API key');
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new ForbiddenException(
      `This action requires the role ${roles.join(' or ')}; you are ${principal.role}`,
    );
  }
  return principal;
}
