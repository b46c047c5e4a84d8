import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { migrationsList } from '../migrations';
import { AppConfigModule, type AppConfig } from './config';
import { DashboardsUiModule } from './dashboards-ui/dashboards-ui.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { JobsModule } from './jobs/jobs.module';
import { RedisCacheModule } from './platform/cache.module';
import { TableChangesModule } from './platform/table-changes/table-changes.module';
import { HttpPlatformModule } from './platform/http-platform.module';
import { LoggingModule } from './platform/logging/logging.module';
import { PlatformMetricsModule } from './platform-metrics/platform-metrics.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { RateLimitModule } from './platform/rate-limit/rate-limit.module';
import { PredictionsModule } from './predictions/predictions.module';
import { RealtyModule } from './realty/realty.module';
import { ModelsModule } from './inference-models/models.module';
import { RedisModule } from './redis/redis.module';
import { RootModule } from './root/root.module';
import { SeedingModule } from './seeding/seeding.module';
import { StorageModule } from './storage/storage.module';
import { TasksModule } from './tasks/tasks.module';
import { ToolsModule } from './tools/tools.module';
import { UsersModule } from './users/users.module';

/**
 * Composes the platform for one process role: `api` (HTTP routes), `worker` (BullMQ processors plus health),
 * `all` (both, for development) or `cli` (services only). Feature modules decide per role what they start.
 */
@Module({})
export class AppModule {
  static forRole(config: AppConfig): DynamicModule {
    const dashboards = DashboardsModule.register(config);
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.register(config),
        DatabaseModule.forRoot({
          database: config.database,
          migrations: migrationsList,
          migrateOnStart: config.database.migrateOnStart,
        }),
        RedisModule,
        RedisCacheModule.register(config),
        TableChangesModule,
        HttpPlatformModule,
        MetricsModule,
        ...(config.servesHttpApi ? [RateLimitModule] : []),
        SeedingModule,
        HealthModule.register(config),
        StorageModule.register(config),
        ModelsModule.register(config),
        UsersModule.register(config),
        TasksModule.register(config),
        HousekeepingModule.register(config),
        PredictionsModule.register(config),
        JobsModule.register(config),
        DashboardsUiModule.register(config),
        dashboards,
        PlatformMetricsModule.register(config, dashboards),
        ToolsModule.register(config),
        RealtyModule.register(config),
        ...(config.servesHttpApi ? [RootModule] : []),
      ],
    };
  }
}
