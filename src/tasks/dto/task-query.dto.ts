import { IsEnum, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { TaskStatus } from '../entities/task-status';

export class TaskQueryDto extends PageQueryDto {
  /** Queue name. @example housekeeping */
  @Matches(/^[a-z0-9-]{1,64}$/, {
    message: 'queue must be a queue name (lowercase letters, digits, dashes)',
  })
  @IsOptional()
  queue?: string;

  /** Job name (the task type). @example purge-api-keys */
  @Matches(/^[a-z0-9-]{1,64}$/, {
    message: 'name must be a job name (lowercase letters, digits, dashes)',
  })
  @IsOptional()
  name?: string;

  @IsEnum(TaskStatus)
  @IsOptional()
  status?: TaskStatus;
}
