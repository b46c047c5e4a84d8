import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { DashboardsService } from './dashboards.service';
import { CreateDashboardDto, DashboardDto, UpdateDashboardDto } from './dto/dashboard.dto';

const DashboardPage = PageOf(DashboardDto);

@ApiTags('dashboards')
@Controller('api/v1/dashboards')
@Auth()
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a dashboard owned by the caller' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The caller has a dashboard of that name',
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() body: CreateDashboardDto,
  ): Promise<DashboardDto> {
    return DashboardDto.from(await this.dashboards.create(caller, body.name));
  }

  @Get()
  @ApiOperation({ summary: "The caller's dashboards (an admin's: all), newest first" })
  @ApiOkResponse({ type: DashboardPage })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<DashboardDto>> {
    return mapPage(await this.dashboards.list(caller, query), (d) => DashboardDto.from(d));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dashboard' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<DashboardDto> {
    return DashboardDto.from(await this.dashboards.get(caller, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Rename a dashboard' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The owner has a dashboard of that name',
  })
  async rename(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateDashboardDto,
  ): Promise<DashboardDto> {
    return DashboardDto.from(await this.dashboards.rename(caller, id, body.name));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a dashboard and its metrics' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async delete(
    @CurrentUser() caller: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<void> {
    await this.dashboards.delete(caller, id);
  }
}
