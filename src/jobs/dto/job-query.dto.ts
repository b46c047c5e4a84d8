import { IsEnum, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { JobStatus } from '../entities/job-status';

export class JobQueryDto extends PageQueryDto {
  @IsEnum(JobStatus)
  @IsOptional()
  status?: JobStatus;

  /** @example relief-v1 */
  @Matches(/^[a-z0-9][a-z0-9.-]{1,63}$/, { message: 'model_id must be a catalogue id' })
  @IsOptional()
  model_id?: string;
}
