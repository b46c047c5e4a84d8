import { IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto, queryBoolean } from '../../common/pagination/page-query.dto';
import { IsStorableDate } from '../../common/validation/postgres-ranges';
import { IsBinaryFlag, IsPlainCode, IsVersionLabel } from '../../common/validation/validators';

export const SORTABLE = ['date', 'createdAt', 'probability', 'knr'] as const;

/** Filters shared by the list and the CSV export. */
export class PredictionFilterDto {
  /** Exact vehicle order number. @example KNR-4711 */
  @IsPlainCode()
  @IsOptional()
  knr?: string;

  /** Measured at or after (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'dateFrom must be an ISO 8601 date-time' })
  @IsOptional()
  dateFrom?: Date;

  /** Measured before (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'dateTo must be an ISO 8601 date-time' })
  @IsOptional()
  dateTo?: Date;

  /** Only predictions with this verdict. */
  @Type(() => Number)
  @IsBinaryFlag()
  @IsOptional()
  predictionResult?: number;

  /** true: only records whose real result is known; false: only those without. */
  @Transform(queryBoolean)
  @IsBoolean({ message: 'hasRealResult must be true or false' })
  @IsOptional()
  hasRealResult?: boolean;

  /** Only predictions made by this model version. @example 1.0.0 */
  @IsVersionLabel()
  @IsOptional()
  modelVersion?: string;

  @IsIn(SORTABLE, { message: `sort must be one of ${SORTABLE.join(', ')}` })
  @IsOptional()
  sort?: (typeof SORTABLE)[number] = 'createdAt';

  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  @IsOptional()
  order?: 'asc' | 'desc' = 'desc';
}

export class PredictionQueryDto extends IntersectionType(PageQueryDto, PredictionFilterDto) {}
