import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyQueryDto } from './dto/api-key-query.dto';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

const ApiKeyPage = PageOf(ApiKeyDto);

@ApiTags('api-keys')
@Auth(UserRole.Admin)
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List API keys (admin); the keys themselves are never shown again' })
  @ApiOkResponse({ type: ApiKeyPage })
  async list(@Query() query: ApiKeyQueryDto): Promise<Page<ApiKeyDto>> {
    return mapPage(await this.apiKeys.list(query, query.userId), (key) => ApiKeyDto.from(key));
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API key (admin). The response is the only time the key is shown.',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Owner not found' })
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentUser() caller: Principal,
  ): Promise<CreatedApiKeyDto> {
    const { apiKey, key } = await this.apiKeys.issue({
      ownerId: body.userId ?? caller.userId,
      name: body.name,
      expiresInDays: body.expiresInDays,
    });
    return Object.assign(new CreatedApiKeyDto(), ApiKeyDto.from(apiKey), { key });
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key (admin); it stops working at once' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async revoke(@Param('id', UuidParamPipe) id: string): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.apiKeys.revoke(id));
  }
}
