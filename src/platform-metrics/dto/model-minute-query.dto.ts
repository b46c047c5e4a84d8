import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsStorableDate } from '../../common/validation/postgres-ranges';
import { IsCatalogueId, IsVersionLabel } from '../../common/validation/validators';

export class ModelMinuteQueryDto extends PageQueryDto {
  /** Only this model. @example vehicle-quality */
  @IsCatalogueId()
  @IsOptional()
  model?: string;

  /** Only this version. @example 1.0.0 */
  @IsVersionLabel()
  @IsOptional()
  version?: string;

  /** Minutes starting at or after (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  @IsOptional()
  from?: Date;

  /** Minutes starting before (ISO 8601). */
  @Type(() => Date)
  @IsStorableDate()
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  @IsOptional()
  to?: Date;
}
