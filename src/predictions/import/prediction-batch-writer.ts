import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import { Prediction } from '../entities/prediction.entity';
import type { NewPrediction } from '../predictions.service';
import { VehicleQualityModel } from '../vehicle-quality.model';

/**
 * Scores one batch of imported rows in a single model run and inserts it with one multi-row INSERT through `tx`
 * (no entities, nothing kept in the identity map), so an import's memory does not grow with its size.
 */
@Injectable()
export class PredictionBatchWriter {
  constructor(private readonly model: VehicleQualityModel) {}

  /** Returns the version of the model that scored the batch. */
  async write(tx: EntityManager, rows: readonly NewPrediction[], now: Date): Promise<string> {
    const { verdicts, modelVersion } = await this.model.scoreBatch(
      rows.map((r) => [r.feature1, r.feature2, r.feature3] as const),
    );
    await tx.insertMany(
      Prediction,
      rows.map((r, i) => ({
        id: newId(),
        createdAt: now,
        updatedAt: now,
        knr: r.knr,
        date: r.date ?? now,
        feature1: r.feature1,
        feature2: r.feature2,
        feature3: r.feature3,
        predictionResult: verdicts[i].predictionResult,
        probability: verdicts[i].probability,
        realResult: r.realResult ?? null,
        modelVersion,
      })),
    );
    return modelVersion;
  }
}
