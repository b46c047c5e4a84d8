import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { IngestResultDto, MetricBatchDto, MetricPointDto } from './dto/metric-point.dto';
import { MetricsIngestService } from './ingest/metrics-ingest.service';
import { MetricPointsPipe } from './ingest/metric-points.pipe';

@ApiTags('dashboards')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly ingest: MetricsIngestService) {}

  @Post()
  @Auth()
  @ApiOperation({
    summary:
      'Record one metric point or {points: [...]} (up to METRICS_MAX_BATCH) in one transaction',
    description:
      'A bad point is a 400 naming its index and field (`points[3].errorRate must not be greater than 1`) and nothing is written. Points for a dashboard of another user are a 403, for a missing one a 404.',
  })
  @ApiExtraModels(MetricPointDto, MetricBatchDto)
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(MetricPointDto) }, { $ref: getSchemaPath(MetricBatchDto) }],
    },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'A dashboard named by a point does not exist',
  })
  record(
    @CurrentUser() caller: Principal,
    @Body(MetricPointsPipe) points: MetricPointDto[],
  ): Promise<IngestResultDto> {
    return this.ingest.ingest(caller, points);
  }
}
