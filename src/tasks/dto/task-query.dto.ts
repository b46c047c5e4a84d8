import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { TaskStatus } from '../entities/task-status';
import { jobNamesOf, QUEUE_NAMES } from '../queue-catalog';

const JOB_NAMES = [...new Set(QUEUE_NAMES.flatMap(jobNamesOf))].sort();

export class TaskQueryDto extends PageQueryDto {
  /** Queue name (one of the queue catalogue's). */
  @ApiProperty({ required: false, enum: QUEUE_NAMES, example: 'housekeeping' })
  @IsIn(QUEUE_NAMES, { message: `queue must be one of: ${QUEUE_NAMES.join(', ')}` })
  @IsOptional()
  queue?: string;

  /** Job name (the task type). */
  @ApiProperty({ required: false, enum: JOB_NAMES, example: 'purge-api-keys' })
  @IsIn(JOB_NAMES, { message: `name must be one of: ${JOB_NAMES.join(', ')}` })
  @IsOptional()
  name?: string;

  @IsEnum(TaskStatus)
  @IsOptional()
  status?: TaskStatus;
}
