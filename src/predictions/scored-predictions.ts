import type { CreatePredictionDto } from './dto/create-prediction.dto';
import type { Prediction } from './entities/prediction.entity';
import type { FeatureRow, VehicleQualityModel } from './vehicle-quality.model';

/** What a caller gives for a new prediction: the vehicle, its readings and, when known, the real result. */
export type NewPrediction = Pick<
  CreatePredictionDto,
  'knr' | 'date' | 'feature1' | 'feature2' | 'feature3'
> & {
  realResult?: number | null;
};

/** A new prediction's stored fields once the model has scored it. */
export type ScoredPrediction = Pick<
  Prediction,
  | 'knr'
  | 'date'
  | 'feature1'
  | 'feature2'
  | 'feature3'
  | 'predictionResult'
  | 'probability'
  | 'realResult'
  | 'modelVersion'
>;

export const featuresOf = (
  p: Pick<Prediction, 'feature1' | 'feature2' | 'feature3'>,
): FeatureRow => [p.feature1, p.feature2, p.feature3];

/** Scores every record with one model run; a record without a date is dated `now`. */
export async function scorePredictions(
  model: VehicleQualityModel,
  records: readonly NewPrediction[],
  now: Date,
): Promise<ScoredPrediction[]> {
  const { verdicts, modelVersion } = await model.scoreBatch(records.map(featuresOf));
  return records.map((record, i) => ({
    knr: record.knr,
    date: record.date ?? now,
    feature1: record.feature1,
    feature2: record.feature2,
    feature3: record.feature3,
    predictionResult: verdicts[i].predictionResult,
    probability: verdicts[i].probability,
    realResult: record.realResult ?? null,
    modelVersion,
  }));
}
