import { Injectable } from '@nestjs/common';
import { PredictionQualityService } from '../predictions/prediction-quality.service';
import type { QualityQueryDto } from '../predictions/dto/quality.dto';
import { VEHICLE_QUALITY_MODEL } from '../predictions/vehicle-quality.model';

/**
 * The live accuracy of a served model version where real results are known: vehicle-quality's verdicts against
 * the recorded inspection results (the predictions module's /quality figures). Other models have no recorded real
 * results, so their accuracy is unknown (null) rather than guessed.
 */
@Injectable()
export class ModelAccuracy {
  constructor(private readonly predictionQuality: PredictionQualityService) {}

  async of(model: string, version: string): Promise<number | null> {
    if (model !== VEHICLE_QUALITY_MODEL) return null;
    const filter: QualityQueryDto = { modelVersion: version };
    return (await this.predictionQuality.measure(filter)).accuracy;
  }
}
