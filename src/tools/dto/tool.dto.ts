import { IntersectionType, PartialType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsPlainCode } from '../../common/validation/validators';
import type { Tool } from '../entities/tool.entity';
import { IsDetectorClass, IsTextLine } from './text-rules';

export class CreateToolDto {
  /** @example Claw hammer 16 oz */
  @IsTextLine(1, 200)
  name: string;

  /** Unique. @example HM-0001 */
  @IsPlainCode()
  serialNumber: string;

  /** @example striking */
  @IsTextLine(1, 64)
  category: string;

  /** The detector class that recognises this tool. @example hammer */
  @IsDetectorClass()
  detectorClass: string;
}

/** Any subset of the fields. */
export class UpdateToolDto extends PartialType(CreateToolDto) {}

export class ToolFilterDto {
  /** @example striking */
  @IsTextLine(1, 64)
  @IsOptional()
  category?: string;

  /** @example hammer */
  @IsDetectorClass()
  @IsOptional()
  detectorClass?: string;
}

export class ToolQueryDto extends IntersectionType(PageQueryDto, ToolFilterDto) {}

export class ToolDto {
  /** @example 01a20737-58be-7ee1-87e7-ecca9829b26b */
  id: string;
  /** @example Claw hammer 16 oz */
  name: string;
  /** @example HM-0001 */
  serialNumber: string;
  /** @example striking */
  category: string;
  /** @example hammer */
  detectorClass: string;
  createdAt: Date;
  updatedAt: Date;

  static from(tool: Tool): ToolDto {
    return Object.assign(new ToolDto(), {
      id: tool.id,
      name: tool.name,
      serialNumber: tool.serialNumber,
      category: tool.category,
      detectorClass: tool.detectorClass,
      createdAt: tool.createdAt,
      updatedAt: tool.updatedAt,
    });
  }
}
