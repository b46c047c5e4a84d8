import { describe, expect, it } from 'vitest';
import * as inference from './index';

describe('@app/inference public API', () => {
  it('exports the runtime values the app and trainers use', () => {
    const values = [
      inference.InferenceModule,
      inference.ModelRegistry,
      inference.ModelsHealthIndicator,
      inference.LoadedModel,
      inference.Tensor,
      inference.buildMlpOnnx,
      inference.buildLinearRegressorOnnx,
      inference.buildTreeEnsembleOnnx,
      inference.roundThresholdsForFloat32,
      inference.readOnnxMetadata,
      inference.evaluateMlp,
      inference.evaluateTreeEnsemble,
    ];
    expect(values.every((value) => typeof value === 'function')).toBe(true);
    expect(typeof inference.INFERENCE_OPTIONS).toBe('symbol');
  });
});
