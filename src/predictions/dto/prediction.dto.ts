import { ApiProperty } from '@nestjs/swagger';
import type { Prediction } from '../entities/prediction.entity';

export class PredictionDto {
  /** @example 01a20737-58be-7ee1-87e7-ecca9829b26b */
  id: string;
  /** @example KNR-4711 */
  knr: string;
  /** @example 2026-11-23T07:30:00.000Z */
  date: Date;
  /** @example 71.5 */
  feature1: number;
  /** @example 4.2 */
  feature2: number;
  /** @example -1.8 */
  feature3: number;
  /** 1 = predicted to fail inspection. @example 0 */
  @ApiProperty({ type: 'integer' })
  predictionResult: number;
  /** Probability of failure. @example 0.1834 */
  probability: number;
  /** Real inspection result, once known. @example null */
  @ApiProperty({ type: 'integer' })
  realResult: number | null;
  /** @example 1.0.0 */
  modelVersion: string;
  createdAt: Date;
  updatedAt: Date;

  static from(p: Prediction): PredictionDto {
    return Object.assign(new PredictionDto(), {
      id: p.id,
      knr: p.knr,
      date: p.date,
      feature1: p.feature1,
      feature2: p.feature2,
      feature3: p.feature3,
      predictionResult: p.predictionResult,
      probability: p.probability,
      realResult: p.realResult,
      modelVersion: p.modelVersion,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    });
  }
}
