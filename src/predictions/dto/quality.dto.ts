import { Type } from 'class-transformer';
import { IsDate, IsOptional, Matches } from 'class-validator';

export class QualityQueryDto {
  /** Only predictions of this model version. @example 1.0.0 */
  @Matches(/^[A-Za-z0-9._+-]{1,64}$/, { message: 'modelVersion must be a version string' })
  @IsOptional()
  modelVersion?: string;

  /** Measured at or after (ISO 8601). */
  @Type(() => Date)
  @IsDate({ message: 'dateFrom must be an ISO 8601 date-time' })
  @IsOptional()
  dateFrom?: Date;

  /** Measured before (ISO 8601). */
  @Type(() => Date)
  @IsDate({ message: 'dateTo must be an ISO 8601 date-time' })
  @IsOptional()
  dateTo?: Date;
}

export class ConfusionMatrixDto {
  /** Predicted 1, really 1. @example 30 */
  truePositive: number;
  /** Predicted 1, really 0. @example 10 */
  falsePositive: number;
  /** Predicted 0, really 0. @example 50 */
  trueNegative: number;
  /** Predicted 0, really 1. @example 10 */
  falseNegative: number;
}

export class QualityDto {
  /** Records whose real result is known, within the filter. @example 100 */
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
