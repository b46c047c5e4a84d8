import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/page.dto';
import { paginate } from '../common/pagination/paginate';
import type { PredictionQueryDto } from './dto/prediction-query.dto';
import type { UpdatePredictionDto } from './dto/update-prediction.dto';
import { Prediction } from './entities/prediction.entity';
import { mockVehicleRecords } from './mock-vehicle-records';
import { predictionQuery } from './prediction-filter';
import { featuresOf, scorePredictions, type NewPrediction } from './scored-predictions';
import { VehicleQualityModel } from './vehicle-quality.model';

export type { NewPrediction } from './scored-predictions';

/** Stored predictions: created through the model, listed, corrected and deleted. */
@Injectable()
export class PredictionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly model: VehicleQualityModel,
  ) {}

  /** Predicts every record with one model run and stores them all in one transaction. */
  async createMany(records: NewPrediction[]): Promise<Prediction[]> {
    const scored = await scorePredictions(this.model, records, new Date());
    const created = scored.map((fields) => this.em.create(Prediction, fields));
    await this.em.flush();
    return created;
  }

  /** `count` plausible random vehicles, predicted and stored like real ones (demo data). */
  createMock(count: number): Promise<Prediction[]> {
    return this.createMany(mockVehicleRecords(count));
  }

  list(query: PredictionQueryDto): Promise<Page<Prediction>> {
    const { where, orderBy } = predictionQuery(query);
    return paginate(this.em, Prediction, where, query, { orderBy });
  }

  async get(id: string): Promise<Prediction> {
    const prediction = await this.em.findOne(Prediction, { id });
    if (!prediction) throw new NotFoundException(`Prediction ${id} not found`);
    return prediction;
  }

  /** Applies the changes; new feature values are predicted again with the active model. */
  async update(id: string, changes: UpdatePredictionDto): Promise<Prediction> {
    const prediction = await this.get(id);
    const featuresChanged = (['feature1', 'feature2', 'feature3'] as const).some(
      (name) => changes[name] !== undefined && changes[name] !== prediction[name],
    );
    if (changes.knr !== undefined) prediction.knr = changes.knr;
    if (changes.date !== undefined) prediction.date = changes.date;
    if (changes.feature1 !== undefined) prediction.feature1 = changes.feature1;
    if (changes.feature2 !== undefined) prediction.feature2 = changes.feature2;
    if (changes.feature3 !== undefined) prediction.feature3 = changes.feature3;
    if (changes.realResult !== undefined) prediction.realResult = changes.realResult;
    if (featuresChanged) {
      const verdict = await this.model.score(featuresOf(prediction));
      prediction.probability = verdict.probability;
      prediction.predictionResult = verdict.predictionResult;
      prediction.modelVersion = verdict.modelVersion;
    }
    await this.em.flush();
    return prediction;
  }

  async delete(id: string): Promise<void> {
    const prediction = await this.get(id);
    await this.em.remove(prediction).flush();
  }
}
