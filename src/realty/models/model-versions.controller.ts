import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../common/auth/auth.decorators';
import { UserRole } from '../../common/auth/user-role';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { PriceModelVersionDto } from './model-version.dto';
import { ModelVersionsService } from './model-versions.service';
import { VersionParamPipe } from './version-param.pipe';

@ApiTags('realty')
@Controller('api/v1/realty/models')
export class ModelVersionsController {
  constructor(private readonly versions: ModelVersionsService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Stored house-price model versions, newest first' })
  @ApiOkResponse({ type: [PriceModelVersionDto] })
  async list(): Promise<PriceModelVersionDto[]> {
    return (await this.versions.list()).map((v) => PriceModelVersionDto.from(v));
  }

  @Get(':version')
  @Auth()
  @ApiOperation({ summary: 'One version: algorithm, features, metrics, whether it is active' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('version', VersionParamPipe) version: number): Promise<PriceModelVersionDto> {
    return PriceModelVersionDto.from(await this.versions.get(version));
  }

  @Post(':version/activate')
  @HttpCode(200)
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({
    summary:
      'Make this version the one predictions use (runs in flight finish on the previous one)',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async activate(
    @Param('version', VersionParamPipe) version: number,
  ): Promise<PriceModelVersionDto> {
    return PriceModelVersionDto.from(await this.versions.activate(version));
  }
}
