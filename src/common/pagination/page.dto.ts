import { Type as NestType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
}

/** Builds a named OpenAPI-visible page class for an item DTO, e.g. `PageOf(UserDto)` → `UserPage`. */
export function PageOf<T>(item: NestType<T>): NestType<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({
      type: 'integer',
      example: 42,
      description: 'Records matching the query, before paging',
    })
    total: number;

    @ApiProperty({ type: 'integer', example: 0 })
    skip: number;

    @ApiProperty({ type: 'integer', example: 20 })
    limit: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return PageDto;
}
