import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { UserRole } from '../common/auth/user-role';
import type { Page } from '../common/pagination/page.dto';
import { paginate, type PageRequest } from '../common/pagination/paginate';
import type { CreateUserDto } from './dto/create-user.dto';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(input: CreateUserDto): Promise<User> {
    await this.assertUnique(input);
    const user = this.em.create(User, {
      username: input.username,
      email: input.email?.toLowerCase() ?? null,
      name: input.name ?? null,
      employeeNumber: input.employeeNumber ?? null,
      role: input.role ?? UserRole.Viewer,
      passwordHash: input.password ? await this.hasher.hash(input.password) : null,
    });
    await this.em.flush();
    return user;
  }

  list(page: PageRequest): Promise<Page<User>> {
    return paginate(this.em, User, {}, page, { orderBy: [{ username: 'asc' }, { id: 'asc' }] });
  }

  async get(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  findByUsername(username: string): Promise<User | null> {
    return this.em.findOne(User, { username });
  }

  /** Creates the user, or brings role, email, name and (when given) password in line; reports what it did. */
  async upsert(
    input: CreateUserDto & { role: UserRole },
  ): Promise<{ user: User; created: boolean; changed: boolean }> {
    const existing = await this.findByUsername(input.username);
    if (!existing) return { user: await this.create(input), created: true, changed: true };
    const wanted: Partial<User> = { role: input.role, isActive: true };
    if (input.email !== undefined) wanted.email = input.email.toLowerCase();
    if (input.name !== undefined) wanted.name = input.name;
    let changed = Object.entries(wanted).some(
      ([field, value]) => existing[field as keyof User] !== value,
    );
    Object.assign(existing, wanted);
    const samePassword =
      !input.password ||
      (existing.passwordHash !== null &&
        (await this.hasher.verify(input.password, existing.passwordHash)));
    if (!samePassword && input.password) {
      existing.passwordHash = await this.hasher.hash(input.password);
      changed = true;
    }
    await this.em.flush();
    return { user: existing, created: false, changed };
  }

  /** A user with this username whose password matches, or null. */
  async verifyPassword(username: string, password: string): Promise<User | null> {
    const user = await this.findByUsername(username);
    if (!user?.passwordHash || !user.isActive) return null;
    return (await this.hasher.verify(password, user.passwordHash)) ? user : null;
  }

  private async assertUnique(input: CreateUserDto): Promise<void> {
    const checks: [keyof User, string | undefined][] = [
      ['username', input.username],
      ['email', input.email?.toLowerCase()],
      ['employeeNumber', input.employeeNumber],
    ];
    for (const [field, value] of checks) {
      if (value !== undefined && (await this.em.count(User, { [field]: value })) > 0) {
        throw new ConflictException(`A user with this ${String(field)} already exists`);
      }
    }
  }
}
