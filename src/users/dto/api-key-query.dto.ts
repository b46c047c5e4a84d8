import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsRecordId } from '../../common/validation/validators';

export class ApiKeyQueryDto extends PageQueryDto {
  /** Only keys of this user. */
  @IsRecordId()
  @IsOptional()
  userId?: string;
}
