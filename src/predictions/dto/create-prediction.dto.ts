import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsOptional, ValidateNested } from 'class-validator';
import { IsPlainCode } from '../../common/validation/validators';
import { FeaturesDto } from './features.dto';
import { IsStorableDate } from '../../common/validation/postgres-ranges';

export const MAX_BATCH = 1000;

export class CreatePredictionDto extends FeaturesDto {
  /** Vehicle order number (1-64 letters, digits, dash, underscore, dot). @example KNR-4711 */
  @IsPlainCode()
  knr: string;

  /** When the features were measured (ISO 8601); defaults to now. @example 2026-11-23T07:30:00Z */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'date must be an ISO 8601 date-time' })
  @IsOptional()
  date?: Date;
}

export class CreatePredictionBatchDto {
  /** 1 to 1000 records, predicted in one model run and stored in one transaction. */
  @ValidateNested({ each: true })
  @Type(() => CreatePredictionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  items: CreatePredictionDto[];
}
