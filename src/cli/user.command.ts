import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command, Option, SubCommand } from 'nest-commander';
import { UserRole } from '../common/auth/user-role';
import { RequestValidationException } from '../common/errors/validation.exception';
import { CreateUserDto } from '../users/dto/create-user.dto';
import { UsersService } from '../users/users.service';
import { CliCommand, CliCommandGroup } from './cli-command';

interface CreateUserOptions {
  username?: string;
  email?: string;
  name?: string;
  employeeNumber?: string;
  role?: UserRole;
  password?: string;
}

@SubCommand({ name: 'create', description: 'Create a user' })
export class UserCreateCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }

  @Option({
    flags: '-u, --username <username>',
    description: 'Login name (required)',
    required: true,
  })
  parseUsername(value: string): string {
    return value;
  }

  @Option({ flags: '-e, --email <email>', description: 'Email address' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '-n, --name <name>', description: 'Full name' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--employee-number <number>', description: 'Employee number (unique)' })
  parseEmployeeNumber(value: string): string {
    return value;
  }

  @Option({ flags: '-r, --role <role>', description: 'admin | operator | viewer (default viewer)' })
  parseRole(value: string): UserRole {
    return value as UserRole;
  }

  @Option({ flags: '-p, --password <password>', description: 'Password (at least 8 characters)' })
  parsePassword(value: string): string {
    return value;
  }

  /** The same DTO and rules as `POST /api/v1/users`, so the CLI accepts exactly what the API accepts. */
  protected async execute(_params: string[], options: CreateUserOptions): Promise<void> {
    if (options.role !== undefined && !Object.values(UserRole).includes(options.role)) {
      throw new Error(`role must be one of ${Object.values(UserRole).join(', ')}`);
    }
    const input = plainToInstance(CreateUserDto, options);
    const problems = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length > 0) throw RequestValidationException.fromValidationErrors(problems);
    const user = await this.users.create(input);
    this.print(`created user ${user.username} (${user.role}) id ${user.id}`);
  }
}

@Command({ name: 'user', description: 'Manage users', subCommands: [UserCreateCommand] })
export class UserCommand extends CliCommandGroup {}
