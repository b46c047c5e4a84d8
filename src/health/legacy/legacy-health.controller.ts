import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';
import { HealthProbes } from '../health-probes';
import { LegacyBaseHealthDto, LegacyStatusDto } from './legacy-health.dto';
import { RateLimit } from '../../platform/rate-limit/rate-limit.decorator';

const state = (up: boolean): 'ok' | 'error' => (up ? 'ok' : 'error');

/** Health routes of the replaced services, with their exact bodies. */
@ApiTags('legacy')
@Public()
@RateLimit('exempt')
@Controller()
export class LegacyHealthController {
  constructor(private readonly probes: HealthProbes) {}

  @Get('healthcheck/backend')
  @ApiOperation({ summary: 'Legacy: the backend answers', deprecated: true })
  @ApiOkResponse({ type: LegacyStatusDto })
  backend(): LegacyStatusDto {
    return { status: 'ok' };
  }

  @Get('healthcheck/db')
  @ApiOperation({ summary: 'Legacy: the database answers', deprecated: true })
  @ApiOkResponse({ type: LegacyStatusDto })
  @ApiServiceUnavailableResponse({ type: LegacyStatusDto })
  async database(): Promise<LegacyStatusDto> {
    const { postgres } = await this.probes.dependencies();
    if (!postgres)
      throw new LegacyHttpException({ status: 'error', detail: 'Database unreachable' }, 503);
    return { status: 'ok' };
  }

  @Get('base/health')
  @ApiOperation({
    summary: 'Legacy (tools service): Postgres, Redis and overall status',
    deprecated: true,
  })
  @ApiOkResponse({ type: LegacyBaseHealthDto })
  @ApiServiceUnavailableResponse({ type: LegacyBaseHealthDto })
  async base(): Promise<LegacyBaseHealthDto> {
    const { postgres, redis } = await this.probes.dependencies();
    const body: LegacyBaseHealthDto = {
      status: state(postgres && redis),
      postgres: state(postgres),
      redis: state(redis),
    };
    if (body.status === 'error') throw new LegacyHttpException({ ...body }, 503);
    return body;
  }
}
