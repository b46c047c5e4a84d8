import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { UserRole } from '../../common/auth/user-role';

/** The platform's one user table (API clients, technicians, dashboard owners, job owners). */
@Entity({ tableName: 'users' })
export class User extends BaseEntity<
  'isActive' | 'email' | 'name' | 'employeeNumber' | 'passwordHash'
> {
  @Property({ type: 'string', length: 64 })
  @Unique()
  username: string;

  @Property({ type: 'string', length: 254, nullable: true })
  @Unique()
  email: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Unique()
  employeeNumber: string | null = null;

  @Enum({ items: () => UserRole, nativeEnumName: 'user_role' })
  @Index()
  role: UserRole = UserRole.Viewer;

  @Property({ type: 'string', length: 255, nullable: true, hidden: true })
  passwordHash: string | null = null;

  @Property({ type: 'boolean' })
  isActive: boolean = true;
}
