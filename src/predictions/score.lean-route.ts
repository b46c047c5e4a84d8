import { Injectable } from '@nestjs/common';
import { LeanRoute, type LeanRouteHandler, type Parsed } from '../common/http/lean-route';
import type { ScoreResponseDto } from './dto/score.dto';
import { parseFeatures } from './feature-parser';
import { VehicleQualityModel, type FeatureRow } from './vehicle-quality.model';

/** POST /api/v1/predictions/score on the lean path (documented by PredictionsController.score). */
@LeanRoute({ method: 'post', path: '/api/v1/predictions/score', roles: [], status: 200 })
@Injectable()
export class ScoreLeanRoute implements LeanRouteHandler<FeatureRow> {
  constructor(private readonly model: VehicleQualityModel) {}

  parse(body: unknown): Parsed<FeatureRow> {
    return parseFeatures(body);
  }

  handle(row: FeatureRow): Promise<ScoreResponseDto> {
    return this.model.score(row);
  }
}
