import { IsEmail, IsEnum, IsOptional, IsString, Length, MinLength } from 'class-validator';
import { UserRole } from '../../common/auth/user-role';
import { IsPlainCode } from '../../common/validation/validators';

export class CreateUserDto {
  /** Login name: 3-64 letters, digits, dot, dash or underscore. @example jdoe */
  @IsPlainCode(3, 64)
  username: string;

  /** @example jdoe@example.com */
  @IsEmail()
  @IsOptional()
  email?: string;

  /** @example Jane Doe */
  @IsString()
  @Length(1, 200)
  @IsOptional()
  name?: string;

  /** @example E-1042 */
  @IsString()
  @Length(1, 64)
  @IsOptional()
  employeeNumber?: string;

  @IsEnum(UserRole)
  @IsOptional()
  role?: UserRole;

  /** At least 8 characters; optional for users who only use API keys. */
  @IsString()
  @MinLength(8)
  @IsOptional()
  password?: string;
}
