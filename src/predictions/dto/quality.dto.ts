import { ApiProperty } from '@nestjs/swagger';
import { PickType } from '@nestjs/swagger';
import { PredictionFilterDto } from './prediction-query.dto';

/** The list's model-version and date filters. */
export class QualityQueryDto extends PickType(PredictionFilterDto, [
  'modelVersion',
  'dateFrom',
  'dateTo',
] as const) {}

export class ConfusionMatrixDto {
  /** Predicted 1, really 1. @example 30 */
  @ApiProperty({ type: 'integer' })
  truePositive: number;
  /** Predicted 1, really 0. @example 10 */
  @ApiProperty({ type: 'integer' })
  falsePositive: number;
  /** Predicted 0, really 0. @example 50 */
  @ApiProperty({ type: 'integer' })
  trueNegative: number;
  /** Predicted 0, really 1. @example 10 */
  @ApiProperty({ type: 'integer' })
  falseNegative: number;
}

export class QualityDto {
  /** Records whose real result is known, within the filter. @example 100 */
  @ApiProperty({ type: 'integer' })
  count: number;
  /** null when count is 0. @example 0.8 */
  accuracy: number | null;
  /** Of the vehicles predicted to fail, the share that did; null when none was predicted to fail. @example 0.75 */
  precision: number | null;
  /** Of the vehicles that failed, the share predicted; null when none failed. @example 0.75 */
  recall: number | null;
  /** @example 0.75 */
  f1: number | null;
  confusionMatrix: ConfusionMatrixDto;
}
