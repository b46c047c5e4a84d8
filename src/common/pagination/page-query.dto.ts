import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** The largest `skip` accepted: PostgreSQL's OFFSET is a bigint, and no list is anywhere near this long. */
export const MAX_SKIP = 2_147_483_647;

/** `skip`/`limit` paging shared by every list route. */
export class PageQueryDto {
  /** Records to skip (0-2147483647). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SKIP)
  @IsOptional()
  skip: number = 0;

  /** Page size (1-100). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @IsOptional()
  limit: number = 20;
}
