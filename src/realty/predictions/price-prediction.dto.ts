import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
} from 'class-validator';
import { IsIntInRange } from '../../common/validation/validators';

/** Most rows one request may carry; REALTY_MAX_PREDICTION_ROWS may lower it. */
export const MAX_PREDICTION_ROWS = 100_000;

export class PricePredictionRequestDto {
  @ApiProperty({
    description: "Houses as objects of the model's feature columns (other keys are ignored)",
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      {
        TLA: 1800,
        yrbuilt: 1965,
        beds: 3,
        baths: 2,
        lotsize: 9000,
        garagesqft: 400,
        x: 484000,
        y: 195000,
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PREDICTION_ROWS)
  @IsObject({ each: true })
  rows: Record<string, unknown>[];

  /** A stored model version (default: the active one). */
  @IsIntInRange(1, 2_147_483_647)
  @IsOptional()
  version?: number;

  /**
   * true: answer with a task; false: answer now whatever the size; unset: a task above
   * REALTY_SYNC_PREDICTION_ROWS rows.
   */
  @IsBoolean()
  @IsOptional()
  async?: boolean;
}

export class PricePredictionsDto {
  @ApiProperty({ type: 'integer', example: 1 })
  version: number;
  /** One price per row, in row order. */
  @ApiProperty({ type: [Number], example: [142000.5] })
  predictions: number[];
  /** Rows answered from the cache. */
  @ApiProperty({ type: 'integer', example: 0 })
  cached: number;
}
