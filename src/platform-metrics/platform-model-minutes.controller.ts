import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { UserRole } from '../common/auth/user-role';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { ModelMinuteQueryDto } from './dto/model-minute-query.dto';
import { ModelMinuteDto } from './dto/model-minute.dto';
import { PlatformModelMinutesService } from './platform-model-minutes.service';

const ModelMinutePage = PageOf(ModelMinuteDto);

@ApiTags('dashboards')
@Auth(UserRole.Admin)
@Controller('api/v1/platform-models/minutes')
export class PlatformModelMinutesController {
  constructor(private readonly minutes: PlatformModelMinutesService) {}

  @Get()
  @ApiOperation({
    summary:
      "The platform's own models per minute: calls, errors, mean and p95 run time, memory, accuracy (newest first)",
  })
  @ApiOkResponse({ type: ModelMinutePage })
  async list(@Query() query: ModelMinuteQueryDto): Promise<Page<ModelMinuteDto>> {
    return mapPage(await this.minutes.list(query), (minute) => ModelMinuteDto.from(minute));
  }
}
