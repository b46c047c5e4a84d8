import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { CreateUserDto } from './dto/create-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

const UserPage = PageOf(UserDto);

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The user who owns the API key of this request' })
  async me(@CurrentUser() principal: Principal): Promise<UserDto> {
    return UserDto.from(await this.users.get(principal.userId));
  }

  @Get()
  @Auth(UserRole.Admin)
  @ApiOperation({ summary: 'List users (admin)' })
  @ApiOkResponse({ type: UserPage })
  async list(@Query() query: PageQueryDto): Promise<Page<UserDto>> {
    return mapPage(await this.users.list(query), (user) => UserDto.from(user));
  }

  @Post()
  @Auth(UserRole.Admin)
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Username, email or employee number already used',
  })
  async create(@Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(body));
  }
}
