import { Injectable } from '@nestjs/common';
import type { OwnershipCaller } from '../../common/auth/ownership';
import { DashboardsService } from '../dashboards.service';
import type { MetricsChartQueryDto, MetricsQueryDto } from '../dto/metrics-query.dto';
import { MetricsQueryService } from '../query/metrics-query.service';
import { renderMetricsChart } from './metrics-chart';
import { metricsCsv } from './metrics-csv';

/** The metrics query as a CSV file or a PNG chart (same query, same cache). */
@Injectable()
export class MetricsExportService {
  constructor(
    private readonly queries: MetricsQueryService,
    private readonly dashboards: DashboardsService,
  ) {}

  async csv(caller: OwnershipCaller, dashboardId: string, query: MetricsQueryDto): Promise<string> {
    return metricsCsv(await this.queries.series(caller, dashboardId, query));
  }

  async png(
    caller: OwnershipCaller,
    dashboardId: string,
    query: MetricsChartQueryDto,
  ): Promise<Buffer> {
    const { width, height, ...metricsQuery } = query;
    const result = await this.queries.series(caller, dashboardId, metricsQuery);
    const dashboard = await this.dashboards.get(caller, dashboardId);
    return renderMetricsChart(result, dashboard.name, { width, height });
  }
}
