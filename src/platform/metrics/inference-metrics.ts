import { ModelRegistry, type InferenceEvent } from '@app/inference';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** `model_inference_duration_seconds{model, version, outcome}` from every run of the model registry. */
@Injectable()
export class InferenceMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly duration: Histogram<'model' | 'version' | 'outcome'>;
  private unsubscribe?: () => void;

  constructor(
    metrics: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
  ) {
    this.duration = new Histogram({
      name: 'model_inference_duration_seconds',
      help: 'ONNX model run duration by model, version and outcome (ok, error)',
      labelNames: ['model', 'version', 'outcome'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    const models = this.moduleRef.get(ModelRegistry, { strict: false });
    this.unsubscribe = models.onInference((event: InferenceEvent) =>
      this.duration
        .labels(event.model, event.version, event.ok ? 'ok' : 'error')
        .observe(event.durationMs / 1000),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
