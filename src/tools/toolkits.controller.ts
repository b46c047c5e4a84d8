import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { CreateToolkitDto, ToolkitDto, ToolkitQueryDto, UpdateToolkitDto } from './dto/toolkit.dto';
import { TOOL_WRITERS } from './tool-roles';
import { ToolkitsService } from './toolkits.service';

const ToolkitPage = PageOf(ToolkitDto);

@ApiTags('tools')
@Controller('api/v1/toolkits')
export class ToolkitsController {
  constructor(private readonly toolkits: ToolkitsService) {}

  @Post()
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Create a toolkit (next free number), optionally with its items' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'An item names an unknown tool' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A tool is listed twice' })
  async create(@Body() body: CreateToolkitDto): Promise<ToolkitDto> {
    return ToolkitDto.from(await this.toolkits.create(body));
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List toolkits with their items, by number' })
  @ApiOkResponse({ type: ToolkitPage })
  async list(@Query() query: ToolkitQueryDto): Promise<Page<ToolkitDto>> {
    return mapPage(await this.toolkits.list(query), (toolkit) => ToolkitDto.from(toolkit));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One toolkit with its items' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<ToolkitDto> {
    return ToolkitDto.from(await this.toolkits.get(id));
  }

  @Patch(':id')
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Rename or describe a toolkit' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateToolkitDto,
  ): Promise<ToolkitDto> {
    return ToolkitDto.from(await this.toolkits.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Delete a toolkit and its items (not one with transactions)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The toolkit has transactions' })
  async delete(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.toolkits.delete(id);
  }
}
