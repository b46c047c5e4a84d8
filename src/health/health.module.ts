import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../config';
import { HealthController } from './health.controller';
import { HealthProbes } from './health-probes';
import { LegacyHealthController } from './legacy/legacy-health.controller';
import { ReadinessRegistry } from './readiness-registry';
import { RedisHealthIndicator } from './redis.health';

@Global()
@Module({})
export class HealthModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: config.servesHttpApi
        ? [HealthController, LegacyHealthController]
        : [HealthController],
      providers: [ReadinessRegistry, RedisHealthIndicator, HealthProbes],
      exports: [ReadinessRegistry],
    };
  }
}
