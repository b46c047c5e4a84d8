import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { PredictionQualityService } from '../predictions/prediction-quality.service';
import { queueProcessorProvider } from '../tasks/queue-processor-provider';
import { AdminPlatformDashboards } from './admin-platform-dashboards';
import { InferenceStatsRecorder } from './inference-stats-recorder';
import { MinuteStatsStore } from './minute-stats-store';
import { ModelAccuracy } from './model-accuracy';
import { PlatformDashboards } from './platform-dashboards';
import { PlatformMetricsCollector } from './platform-metrics.collector';
import { PlatformMetricsProcessor } from './platform-metrics.processor';
import { PlatformModelMinute } from './platform-model-minute.entity';
import { PlatformModelMinutesController } from './platform-model-minutes.controller';
import { PlatformModelMinutesService } from './platform-model-minutes.service';

/**
 * Real metrics of the models this platform serves: every API and worker process counts its model runs per minute
 * into Redis (InferenceStatsRecorder); a worker job writes each closed minute to platform_model_minutes and to the
 * model version's "Platform models" dashboard. `dashboards` is the application's DashboardsModule (the same
 * instance: Nest tells dynamic modules apart by reference).
 */
@Module({})
export class PlatformMetricsModule {
  static register(config: AppConfig, dashboards: DynamicModule): DynamicModule {
    const counts = config.role !== 'cli';
    return {
      module: PlatformMetricsModule,
      imports: [MikroOrmModule.forFeature([PlatformModelMinute]), dashboards],
      controllers: config.servesHttpApi ? [PlatformModelMinutesController] : [],
      providers: [
        ...(config.servesHttpApi ? [PlatformModelMinutesService] : []),
        ...(counts ? [MinuteStatsStore, InferenceStatsRecorder] : []),
        ...(config.runsWorkers
          ? [
              // Stateless SQL over the predictions table: the /quality figures of vehicle-quality.
              PredictionQualityService,
              ModelAccuracy,
              PlatformMetricsCollector,
              { provide: PlatformDashboards, useClass: AdminPlatformDashboards },
              queueProcessorProvider(PlatformMetricsProcessor, 'platform-metrics', config),
            ]
          : []),
      ],
    };
  }
}
