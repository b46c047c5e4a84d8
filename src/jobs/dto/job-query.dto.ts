import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsCatalogueId } from '../../common/validation/validators';
import { JobStatus } from '../entities/job-status';

export class JobQueryDto extends PageQueryDto {
  @IsEnum(JobStatus)
  @IsOptional()
  status?: JobStatus;

  /** @example relief-v1 */
  @IsCatalogueId()
  @IsOptional()
  model_id?: string;
}
