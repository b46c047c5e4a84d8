import { Controller, Get } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { HealthDto, IndicatorStatusDto, LivenessDto } from './dto/health.dto';
import { HealthProbes } from './health-probes';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';

@ApiTags('health')
@ApiExtraModels(IndicatorStatusDto)
@Public()
@RateLimit('exempt')
@Controller('health')
export class HealthController {
  constructor(private readonly probes: HealthProbes) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Checks no external dependency.' })
  live(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime() * 10) / 10 };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: Postgres, Redis and every registered indicator (models, storage)',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'An indicator is down; the message names it',
  })
  ready(): Promise<HealthDto> {
    return this.probes.ready() as Promise<HealthDto>;
  }
}
