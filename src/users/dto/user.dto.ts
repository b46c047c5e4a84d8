import { UserRole } from '../../common/auth/user-role';
import type { User } from '../entities/user.entity';

export class UserDto {
  /** @example 0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77 */
  id: string;
  /** @example jdoe */
  username: string;
  /** @example jdoe@example.com */
  email: string | null;
  /** @example Jane Doe */
  name: string | null;
  /** @example E-1042 */
  employeeNumber: string | null;
  role: UserRole;
  isActive: boolean;
  createdAt: Date;

  static from(user: User): UserDto {
    return Object.assign(new UserDto(), {
      id: user.id,
      username: user.username,
      email: user.email,
      name: user.name,
      employeeNumber: user.employeeNumber,
      role: user.role,
      isActive: user.isActive,
      createdAt: user.createdAt,
    });
  }
}
