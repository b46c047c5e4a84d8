import type { UserRole } from './user-role';

/** Who is calling: resolved from the x-api-key header by the global guard. */
export interface Principal {
  userId: string;
  username: string;
  role: UserRole;
  apiKeyId: string;
}

/** Looks up an API key. Implemented by the users module; the guard depends only on this contract. */
export abstract class ApiKeyVerifier {
  /** The principal for a valid, active key, or null for an unknown, revoked or expired one. */
  abstract verify(presentedKey: string): Promise<Principal | null>;
}

export const API_KEY_HEADER = 'x-api-key';
export const API_KEY_SECURITY_SCHEME = 'api-key';
