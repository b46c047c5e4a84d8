import { ModelRegistry, Tensor, UnknownModelError } from '@app/inference';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';

export const VEHICLE_QUALITY_MODEL = 'vehicle-quality';

export type FeatureRow = readonly [number, number, number];

export interface Verdict {
  probability: number;
  predictionResult: 0 | 1;
}

export interface ScoredBatch {
  verdicts: Verdict[];
  modelVersion: string;
}

/**
 * The vehicle-quality classifier as the predictions module sees it: rows of three raw features in, failure
 * probabilities and 0/1 verdicts out. Standardisation lives inside the ONNX graph; the decision threshold comes
 * from the model's `threshold` metadata (default 0.5). Every call is one registry run, so it is counted and timed.
 */
@Injectable()
export class VehicleQualityModel {
  constructor(private readonly registry: ModelRegistry) {}

  get version(): string {
    const version = this.registry.has(VEHICLE_QUALITY_MODEL)
      ? this.registry.activeVersion(VEHICLE_QUALITY_MODEL)
      : null;
    if (!version) throw new ServiceUnavailableException('The vehicle-quality model is not loaded');
    return version;
  }

  async score(row: FeatureRow): Promise<Verdict & { modelVersion: string }> {
    const { verdicts, modelVersion } = await this.scoreBatch([row]);
    return { ...verdicts[0], modelVersion };
  }

  /** One inference for the whole batch. */
  async scoreBatch(rows: readonly FeatureRow[]): Promise<ScoredBatch> {
    const modelVersion = this.version;
    const input = new Float32Array(rows.length * 3);
    rows.forEach((row, i) => input.set(row, i * 3));
    let probabilities: Float32Array;
    try {
      const outputs = await this.registry.run(
        VEHICLE_QUALITY_MODEL,
        { features: new Tensor('float32', input, [rows.length, 3]) },
        { version: modelVersion },
      );
      probabilities = outputs.probability.data as Float32Array;
    } catch (error) {
      if (error instanceof UnknownModelError)
        throw new ServiceUnavailableException('The vehicle-quality model is not loaded');
      throw error;
    }
    const threshold = this.threshold(modelVersion);
    const verdicts = Array.from(probabilities, (p): Verdict => ({
      probability: p,
      predictionResult: p >= threshold ? 1 : 0,
    }));
    return { verdicts, modelVersion };
  }

  private threshold(version: string): number {
    const value = Number(this.registry.get(VEHICLE_QUALITY_MODEL, version).metadataProps.threshold);
    return Number.isFinite(value) ? value : 0.5;
  }
}
