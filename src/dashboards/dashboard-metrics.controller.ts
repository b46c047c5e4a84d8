import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { LeanRoute } from '../common/http/lean-route';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { MetricSeriesDto } from './dto/metric-series.dto';
import { MetricsChartQueryDto, MetricsQueryDto } from './dto/metrics-query.dto';
import { MetricsExportService } from './export/metrics-export.service';
import { MetricsQueryService } from './query/metrics-query.service';

@ApiTags('dashboards')
@Controller('api/v1/dashboards/:id')
@Auth()
@ApiBadRequestResponse({ type: ErrorResponseDto })
@ApiNotFoundResponse({ type: ErrorResponseDto })
export class DashboardMetricsController {
  constructor(
    private readonly queries: MetricsQueryService,
    private readonly exports: MetricsExportService,
  ) {}

  @Get('metrics')
  @LeanRoute()
  @ApiOperation({
    summary:
      "A dashboard's metrics over a period or range: buckets (avg, min, max, p95) or raw points",
  })
  @ApiOkResponse({ type: MetricSeriesDto })
  async metrics(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MetricsQueryDto,
  ): Promise<StreamableFile> {
    const body = await this.queries.seriesJson(caller, id, query);
    return new StreamableFile(body, { type: 'application/json; charset=utf-8' });
  }

  @Get('metrics.csv')
  @ApiOperation({ summary: 'The same query as CSV: one row per bucket (or point), with a header' })
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  async csv(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MetricsQueryDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.exports.csv(caller, id, query)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="dashboard-${id}-metrics.csv"`,
    });
  }

  @Get('metrics.png')
  @ApiOperation({ summary: 'The same query as a PNG line chart, drawn on the server' })
  @ApiOkResponse({ content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  async png(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MetricsChartQueryDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.png(caller, id, query), { type: 'image/png' });
  }
}
