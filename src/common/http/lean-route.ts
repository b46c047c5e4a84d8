import { SetMetadata } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { UserRole } from '../auth/user-role';
import type { FieldErrorDto } from '../errors/error-response.dto';

export const LEAN_ROUTE = 'http:lean-route';

export interface LeanRouteOptions {
  method: 'post' | 'get';
  /** Full path, e.g. `/api/v1/predictions/score`. */
  path: string;
  /** Like `@Auth(...roles)`: any valid key when empty. */
  roles: UserRole[];
  status: number;
}

export type Parsed<T> = { value: T } | { problems: FieldErrorDto[] };

/**
 * A hot route answered by the HTTP server ahead of Express and Nest: the same API-key check, error shape, request id
 * and request log as every route, without the per-request cost of Nest's pipeline (guards, pipes, interceptors,
 * ORM context). The route stays declared in its Nest controller, which documents it in OpenAPI.
 */
export interface LeanRouteHandler<T> {
  /** Validates the JSON body with the same rules and messages as the route's DTO. */
  parse(body: unknown): Parsed<T>;
  handle(value: T, principal: Principal): Promise<unknown>;
}

export const LeanRoute = (options: LeanRouteOptions): ClassDecorator =>
  SetMetadata(LEAN_ROUTE, options);
