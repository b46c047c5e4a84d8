import { HealthIndicatorService } from '@nestjs/terminus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelRegistry } from '../registry/model-registry';
import { oddBatchFailingBytes, tinyMlpBytes } from '../testing/test-models';
import { ModelsHealthIndicator } from './models.health';

describe('ModelsHealthIndicator', () => {
  let registry: ModelRegistry;
  let indicator: ModelsHealthIndicator;

  beforeEach(() => {
    registry = new ModelRegistry();
    indicator = new ModelsHealthIndicator(registry, new HealthIndicatorService());
  });

  afterEach(async () => {
    await registry.close();
  });

  it('is up when every required model is loaded and answers a probe', async () => {
    await registry.load('churn', 'v3', tinyMlpBytes(1), { required: true });
    await registry.load('optional', 'v1', oddBatchFailingBytes(), {
      warmUp: false,
      logSeverityLevel: 4,
    });

    expect(await indicator.isHealthy()).toEqual({
      models: { status: 'up', required: { churn: { version: 'v3' } } },
    });
  });

  it('is down when a required model is not loaded', async () => {
    await registry.load('churn', 'v1', tinyMlpBytes(1), { required: true });
    registry.markRequired('detector');

    expect(await indicator.isHealthy('inference')).toEqual({
      inference: {
        status: 'down',
        required: { churn: { version: 'v1' }, detector: { version: null, error: 'not loaded' } },
      },
    });
  });

  it('is down when a required model fails its probe inference', async () => {
    await registry.load('trap', 'v1', oddBatchFailingBytes(), {
      required: true,
      warmUp: false,
      logSeverityLevel: 4,
    });

    const result = await indicator.isHealthy();

    expect(result.models.status).toBe('down');
    expect(result.models.required).toMatchObject({
      trap: { version: 'v1', error: expect.stringMatching(/reshape/i) },
    });
  });

  it('is down once a required model was force-unloaded', async () => {
    await registry.load('churn', 'v1', tinyMlpBytes(1), { required: true });
    await registry.unload('churn', 'v1', { force: true });

    expect((await indicator.isHealthy()).models.status).toBe('down');
  });

  it('is up with no required models', async () => {
    expect(await indicator.isHealthy()).toEqual({ models: { status: 'up', required: {} } });
  });
});
