import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { InferenceMetrics } from './inference-metrics';
import { JobMetrics } from './job-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { QueueDepthMetrics } from './queue-depth-metrics';

/** Prometheus metrics of every process role, served at GET /metrics (README "Metrics (Prometheus)"). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, HttpMetrics, InferenceMetrics, JobMetrics, QueueDepthMetrics],
  exports: [MetricsRegistry, HttpMetrics, JobMetrics],
})
export class MetricsModule {}
