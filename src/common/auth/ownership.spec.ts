import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ownedByCaller, requireOwnerOrAdmin } from './ownership';
import type { Principal } from './principal';
import { UserRole } from './user-role';

const caller = (role: UserRole, userId = 'u1'): Principal => ({
  userId,
  role,
  username: userId,
  apiKeyId: 'k',
});
const job = { owner: { id: 'u1' } };
const name = { kind: 'job', id: 'j1' };

describe('requireOwnerOrAdmin', () => {
  it('lets the owner and any admin through', () => {
    expect(requireOwnerOrAdmin(caller(UserRole.Viewer), job, name)).toBe(job);
    expect(requireOwnerOrAdmin(caller(UserRole.Admin, 'someone-else'), job, name)).toBe(job);
  });

  it('refuses another user with 403, and answers 404 for a missing record, naming it', () => {
    expect(() => requireOwnerOrAdmin(caller(UserRole.Operator, 'u2'), job, name)).toThrow(
      new ForbiddenException('This job belongs to another user'),
    );
    expect(() => requireOwnerOrAdmin(caller(UserRole.Admin), null, name)).toThrow(
      new NotFoundException('Job j1 not found'),
    );
  });

  it('treats a record without an owner as nobody’s but the admins’', () => {
    expect(() => requireOwnerOrAdmin(caller(UserRole.Viewer), { owner: null }, name)).toThrow(
      ForbiddenException,
    );
  });
});

describe('ownedByCaller', () => {
  it('filters lists to the caller, except for admins', () => {
    expect(ownedByCaller(caller(UserRole.Viewer))).toEqual({ owner: 'u1' });
    expect(ownedByCaller(caller(UserRole.Admin))).toEqual({});
  });
});
