import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { ModelDto } from './dto/model-listing.dto';
import { ModelsService } from './models.service';

@ApiTags('inference')
@Controller('api/v1/inference/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'Models served by this process: versions, signatures, latency percentiles, counters',
  })
  list(): ModelDto[] {
    return this.models.list();
  }

  @Post(':name/versions/:version/activate')
  @HttpCode(200)
  @Auth(UserRole.Admin)
  @ApiOperation({
    summary: 'Make a loaded version the active one (admin); in-flight requests are not affected',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Model or version not loaded' })
  activate(@Param('name') name: string, @Param('version') version: string): ModelDto {
    return this.models.activate(name, version);
  }
}
