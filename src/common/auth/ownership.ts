import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Principal } from './principal';
import { UserRole } from './user-role';

/** A record that belongs to a user (or to nobody, e.g. a task the platform started itself). */
export interface OwnedResource {
  owner?: { id: string } | null;
}

/** What the caller asked for, named in the 404 and 403 messages: `{ kind: 'job', id }`. */
export interface ResourceName {
  kind: string;
  id: string;
}

/** The part of a caller the ownership rule reads (a module acting for a user passes just these). */
export type OwnershipCaller = Pick<Principal, 'userId' | 'role'>;

export const isAdmin = (caller: OwnershipCaller): boolean => caller.role === UserRole.Admin;

/**
 * The one ownership rule: a missing record is a 404, a record of another user a 403, unless the caller is an
 * admin, who may see everything. Services call it right after loading the record.
 */
export function requireOwnerOrAdmin<T extends OwnedResource>(
  caller: OwnershipCaller,
  resource: T | null | undefined,
  name: ResourceName,
): T {
  const kind = name.kind.charAt(0).toUpperCase() + name.kind.slice(1);
  if (!resource) throw new NotFoundException(`${kind} ${name.id} not found`);
  if (!isAdmin(caller) && resource.owner?.id !== caller.userId)
    throw new ForbiddenException(`This ${name.kind} belongs to another user`);
  return resource;
}

/** The list filter of the same rule: an admin's lists hold every record, anyone else's only their own. */
export const ownedByCaller = (caller: OwnershipCaller): { owner?: string } =>
  isAdmin(caller) ? {} : { owner: caller.userId };
