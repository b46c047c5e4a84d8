import { Type as NestType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export interface Page<T> {
  items: T[];
  /** Matches before paging; null when the caller asked for `includeTotal=false`. */
  total: number | null;
  skip: number;
  limit: number;
  /** Pass as `cursor` for the page after this one; null on the last page. */
  nextCursor: string | null;
}

/** Builds a named OpenAPI-visible page class for an item DTO, e.g. `PageOf(UserDto)` → `UserPage`. */
export function PageOf<T>(item: NestType<T>): NestType<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({
      type: 'integer',
      nullable: true,
      example: 42,
      description: 'Records matching the query, before paging; null with includeTotal=false',
    })
    total: number | null;

    @ApiProperty({ type: 'integer', example: 0 })
    skip: number;

    @ApiProperty({ type: 'integer', example: 20 })
    limit: number;

    @ApiProperty({
      type: 'string',
      nullable: true,
      example: 'WyIyMDI2LTExLTMwVDA2OjAwOjAwLjAwMFoiLCIwMTkzIl0',
      description: 'Pass as cursor to get the next page (keyset paging); null on the last page',
    })
    nextCursor: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return PageDto;
}
