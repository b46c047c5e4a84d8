import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PAGE_CURSOR_PATTERN } from './page-cursor';

export const MAX_PAGE_SIZE = 100;
/** The largest `skip` accepted: PostgreSQL's OFFSET is a bigint, and no list is anywhere near this long. */
export const MAX_SKIP = 2_147_483_647;

/** `true`/`false` in a query string to a boolean; anything else is left for the validator to refuse. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * Paging shared by every list route: `skip`/`limit` (offset), or `cursor`/`limit` (keyset: the `nextCursor` of
 * the previous page; stays fast however deep), and `includeTotal=false` to skip counting the matches.
 */
export class PageQueryDto {
  /** Records to skip (0-2147483647). Not combined with `cursor`. */
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

  /** Continue after the last item of a previous page: its `nextCursor` (same filters and sort). */
  @Matches(PAGE_CURSOR_PATTERN, {
    message: 'cursor must be the nextCursor of a previous page of this list',
  })
  @ApiProperty({ pattern: PAGE_CURSOR_PATTERN.source, required: false })
  @IsOptional()
  cursor?: string;

  /** false: do not count the matches (`total` is null); counting a large table costs more than the page. */
  @Transform(queryBoolean)
  @IsBoolean({ message: 'includeTotal must be true or false' })
  @IsOptional()
  includeTotal: boolean = true;
}
