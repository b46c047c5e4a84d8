import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ModelsHealthIndicator } from './health/models.health';
import { InferenceModule } from './inference.module';
import { ModelRegistry } from './registry/model-registry';
import { tinyMlpBytes } from './testing/test-models';

@Injectable()
class InferenceSettings {
  readonly latencyWindow = 4;
}

@Module({ providers: [InferenceSettings], exports: [InferenceSettings] })
class SettingsModule {}

/** A feature module that only injects the registry (the module is global). */
@Injectable()
class PredictionsService {
  constructor(readonly registry: ModelRegistry) {}
}

@Module({ providers: [PredictionsService] })
class PredictionsModule {}

describe('InferenceModule', () => {
  it('forRoot provides a global registry configured by the options, and the health indicator', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InferenceModule.forRoot({
          intraOpThreads: 1,
          microBatch: { enabled: true, windowMs: 1, maxBatch: 8 },
        }),
        PredictionsModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    const registry = app.get(ModelRegistry);

    expect(app.get(PredictionsService).registry).toBe(registry);
    const listing = await registry.load('churn', 'v1', tinyMlpBytes(1), { required: true });
    expect(listing.microBatched).toBe(true);
    expect((await app.get(ModelsHealthIndicator).isHealthy()).models.status).toBe('up');

    const model = registry.get('churn');
    await app.close();
    expect(model.isReleased).toBe(true);
  });

  it('forRootAsync builds the options from injected providers', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InferenceModule.forRootAsync({
          imports: [SettingsModule],
          inject: [InferenceSettings],
          useFactory: (settings: InferenceSettings) => ({ latencyWindow: settings.latencyWindow }),
        }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const registry = app.get(ModelRegistry);
    await registry.load('churn', 'v1', tinyMlpBytes(1));

    const feeds = { input: new Tensor('float32', new Float32Array(4), [1, 4]) };
    for (let i = 0; i < 10; i++) await registry.run('churn', feeds);
    await expect(registry.run('churn', {})).rejects.toThrow();

    // latencyWindow 4 came from the injected settings; micro-batching stays off by default.
    expect(registry.list()[0].versions[0].stats).toMatchObject({
      count: 10,
      errors: 1,
      samples: 4,
    });
    expect(registry.list()[0].versions[0].microBatched).toBe(false);
    await app.close();
  });
});
