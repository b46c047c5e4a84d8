import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

export class ApiKeyQueryDto extends PageQueryDto {
  /** Only keys of this user. */
  @IsUUID()
  @IsOptional()
  userId?: string;
}
