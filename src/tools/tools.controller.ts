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
import { CreateToolDto, ToolDto, ToolQueryDto, UpdateToolDto } from './dto/tool.dto';
import { TOOL_WRITERS } from './tool-roles';
import { ToolsService } from './tools.service';

const ToolPage = PageOf(ToolDto);

@ApiTags('tools')
@Controller('api/v1/tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Post()
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Add a tool to the catalogue' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Serial number already used' })
  async create(@Body() body: CreateToolDto): Promise<ToolDto> {
    return ToolDto.from(await this.tools.create(body));
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List tools (filter by category or detector class)' })
  @ApiOkResponse({ type: ToolPage })
  async list(@Query() query: ToolQueryDto): Promise<Page<ToolDto>> {
    return mapPage(await this.tools.list(query), (tool) => ToolDto.from(tool));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One tool' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<ToolDto> {
    return ToolDto.from(await this.tools.get(id));
  }

  @Patch(':id')
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Change a tool' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Serial number already used' })
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateToolDto,
  ): Promise<ToolDto> {
    return ToolDto.from(await this.tools.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth(...TOOL_WRITERS)
  @ApiOperation({ summary: 'Delete a tool that no toolkit lists' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The tool is in a toolkit' })
  async delete(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.tools.delete(id);
  }
}
