import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { DashboardMetricsController } from './dashboard-metrics.controller';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { DemoDashboardSeeder } from './demo-dashboard.seeder';
import { Dashboard } from './entities/dashboard.entity';
import { Metric } from './entities/metric.entity';
import { MetricRollup } from './entities/metric-rollup.entity';
import { MetricsExportService } from './export/metrics-export.service';
import { MetricPointsPipe } from './ingest/metric-points.pipe';
import { MetricRowWriter } from './ingest/metric-row-writer';
import { MetricsIngestService } from './ingest/metrics-ingest.service';
import { MetricsController } from './metrics.controller';
import { DashboardInvalidations } from './query/dashboard-invalidations';
import { MetricSeriesReader } from './query/metric-series-reader';
import { MetricRollupWriter } from './rollups/metric-rollup-writer';
import { MetricRollupsProcessor } from './rollups/metric-rollups.processor';
import { MetricsQueryCache } from './query/metrics-query-cache';
import { MetricsQueryService } from './query/metrics-query.service';

/**
 * AI monitoring dashboards: dashboards, metric ingest, range queries aggregated in SQL and cached in Redis, CSV
 * and PNG exports, and the demo seed. `MetricsIngestService` and `DashboardsService` are exported for modules that
 * record metrics of their own.
 */
@Module({})
export class DashboardsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DashboardsModule,
      imports: [MikroOrmModule.forFeature([Dashboard, Metric, MetricRollup])],
      // DashboardMetricsController first: its /:id/metrics.csv and .png are matched before anything else.
      controllers: config.servesHttpApi
        ? [DashboardMetricsController, DashboardsController, MetricsController]
        : [],
      providers: [
        DashboardsService,
        MetricsIngestService,
        MetricPointsPipe,
        MetricRowWriter,
        MetricSeriesReader,
        MetricRollupWriter,
        DashboardInvalidations,
        MetricsQueryCache,
        MetricsQueryService,
        MetricsExportService,
        DemoDashboardSeeder,
        ...(config.runsWorkers
          ? [queueProcessorProvider(MetricRollupsProcessor, 'dashboards', config)]
          : []),
      ],
      exports: [DashboardsService, MetricsIngestService, MetricsQueryService],
    };
  }
}
