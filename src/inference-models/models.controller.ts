import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { LoadModelVersionDto } from './dto/load-model-version.dto';
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

  @Post(':name/versions')
  @Auth(UserRole.Admin)
  @ApiOperation({
    summary: 'Load a model version from storage at run time (admin); warm-up included',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such object in storage' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'That version is already loaded' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'The object is not a loadable ONNX model',
  })
  load(@Param('name') name: string, @Body() body: LoadModelVersionDto): Promise<ModelDto> {
    return this.models.loadFromStorage(name, body);
  }

  @Delete(':name/versions/:version')
  @HttpCode(204)
  @Auth(UserRole.Admin)
  @ApiOperation({
    summary: 'Unload a version that is not active (admin); in-flight runs finish first',
  })
  @ApiNoContentResponse({ description: 'Unloaded' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'It is the active version' })
  async unload(@Param('name') name: string, @Param('version') version: string): Promise<void> {
    await this.models.unload(name, version);
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
