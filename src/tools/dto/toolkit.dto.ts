import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsIntInRange, IsRecordId } from '../../common/validation/validators';
import type { ToolkitItem } from '../entities/toolkit-item.entity';
import type { Toolkit } from '../entities/toolkit.entity';
import { IsTextLine } from './text-rules';

export const MAX_TOOLKIT_ITEMS = 500;
export const MAX_ITEM_QUANTITY = 1000;

export class ToolkitItemInputDto {
  @IsRecordId()
  toolId: string;

  /** How many of this tool the toolkit holds (1-1000). @example 1 */
  @IsIntInRange(1, MAX_ITEM_QUANTITY)
  quantity: number;
}

export class UpdateToolkitItemDto {
  /** @example 2 */
  @IsIntInRange(1, MAX_ITEM_QUANTITY)
  quantity: number;
}

export class CreateToolkitDto {
  /** @example Standard technician toolkit */
  @IsTextLine(1, 200)
  name: string;

  /** @example The toolbox every field technician takes out */
  @IsTextLine(0, 2000)
  @IsOptional()
  description?: string;

  /** Items to add at creation; each tool at most once. */
  @ValidateNested({ each: true })
  @Type(() => ToolkitItemInputDto)
  @ArrayMaxSize(MAX_TOOLKIT_ITEMS)
  @IsOptional()
  items?: ToolkitItemInputDto[];
}

/** Name and description; items change through `/toolkits/{id}/items`. */
export class UpdateToolkitDto extends PartialType(OmitType(CreateToolkitDto, ['items'] as const)) {}

export class ToolkitQueryDto extends PageQueryDto {}

export class ToolkitItemDto {
  /** @example 01a20737-58be-7ee1-87e7-ecca9829b26b */
  id: string;
  toolId: string;
  /** @example Claw hammer 16 oz */
  toolName: string;
  /** @example HM-0001 */
  serialNumber: string;
  /** @example hammer */
  detectorClass: string;
  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  quantity: number;

  static from(item: ToolkitItem): ToolkitItemDto {
    return Object.assign(new ToolkitItemDto(), {
      id: item.id,
      toolId: item.tool.id,
      toolName: item.tool.name,
      serialNumber: item.tool.serialNumber,
      detectorClass: item.tool.detectorClass,
      quantity: item.quantity,
    });
  }
}

export class ToolkitDto {
  id: string;
  /** The short number old clients send as `toolkit_id`. @example 1 */
  @ApiProperty({ type: 'integer' })
  number: number;
  /** @example Standard technician toolkit */
  name: string;
  description: string;
  items: ToolkitItemDto[];
  createdAt: Date;
  updatedAt: Date;

  /** The toolkit with its items (which must be loaded). */
  static from(toolkit: Toolkit): ToolkitDto {
    return Object.assign(new ToolkitDto(), {
      id: toolkit.id,
      number: toolkit.number,
      name: toolkit.name,
      description: toolkit.description,
      items: toolkit.items.getItems().map((item) => ToolkitItemDto.from(item)),
      createdAt: toolkit.createdAt,
      updatedAt: toolkit.updatedAt,
    });
  }
}
