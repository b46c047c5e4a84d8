import { ApiProperty } from '@nestjs/swagger';
import { FeaturesDto } from './features.dto';

export class ScoreRequestDto extends FeaturesDto {}

export class ScoreResponseDto {
  /** Probability that the vehicle fails inspection. @example 0.1834 */
  probability: number;
  /** 1 = predicted to fail. @example 0 */
  @ApiProperty({ type: 'integer' })
  predictionResult: number;
  /** @example 1.0.0 */
  modelVersion: string;
}
