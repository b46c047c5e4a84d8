import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { ToolkitItemDto, ToolkitItemInputDto, UpdateToolkitItemDto } from './dto/toolkit.dto';
import { TOOL_WRITERS } from './tool-roles';
import { ToolkitsService } from './toolkits.service';

@ApiTags('tools')
@Controller('api/v1/toolkits/:id/items')
export class ToolkitItemsController {
  constructor(private readonly toolkits: ToolkitsService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: "A toolkit's items" })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async list(@Param('id', UuidParamPipe) id: string): Promise<ToolkitItemDto[]> {
    const toolkit = await this.toolkits.get(id);
    return toolkit.items.getItems().map((item) => ToolkitItemDto.from(item));
  }

  @Post()
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Add a tool to a toolkit' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown toolkit or tool' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The tool is already in it' })
  async add(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ToolkitItemInputDto,
  ): Promise<ToolkitItemDto> {
    return ToolkitItemDto.from(await this.toolkits.addItem(id, body));
  }

  @Patch(':itemId')
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: "Change an item's quantity" })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body() body: UpdateToolkitItemDto,
  ): Promise<ToolkitItemDto> {
    return ToolkitItemDto.from(await this.toolkits.updateItem(id, itemId, body.quantity));
  }

  @Delete(':itemId')
  @HttpCode(204)
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Remove a tool from a toolkit' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async remove(
    @Param('id', UuidParamPipe) id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
  ): Promise<void> {
    await this.toolkits.removeItem(id, itemId);
  }
}
