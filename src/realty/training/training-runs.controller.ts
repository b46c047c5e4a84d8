import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UserRole } from '../../common/auth/user-role';
import { ErrorResponseDto } from '../../common/errors/error-response.dto';
import { UuidParamPipe } from '../../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../../common/pagination/page.dto';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { AppConfig } from '../../config';
import { CreateTrainingRunDto, TrainingRunDto } from './training-run.dto';
import { TrainingRunPresenter } from './training-run.presenter';
import { TrainingRunsService } from './training-runs.service';

const TrainingRunPage = PageOf(TrainingRunDto);

@ApiTags('realty')
@Controller('api/v1/realty/training-runs')
export class TrainingRunsController {
  constructor(
    private readonly runs: TrainingRunsService,
    private readonly presenter: TrainingRunPresenter,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({
    summary:
      'Train a house-price model in the background (202; follow the run or its task); async=false waits and answers 200',
  })
  @ApiAcceptedResponse({ type: TrainingRunDto })
  @ApiOkResponse({ type: TrainingRunDto, description: 'async=false: the ended run' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Unknown features' })
  async create(
    @Body() body: CreateTrainingRunDto,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TrainingRunDto> {
    const waitMs = body.async ? undefined : this.config.realty.syncWaitMs;
    const { run, ended } = await this.runs.train(body, caller.userId, waitMs);
    if (ended) response.status(200);
    return this.presenter.one(run);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Training runs, newest first' })
  @ApiOkResponse({ type: TrainingRunPage })
  async list(@Query() query: PageQueryDto): Promise<Page<TrainingRunDto>> {
    const page = await this.runs.list(query);
    return { ...page, items: await this.presenter.many(page.items) };
  }

  @Get(':id')
  @Auth()
  @ApiOperation({
    summary:
      'A training run: parameters, data hash, metrics, feature importance, duration, status, chart URL',
  })
  async get(@Param('id', UuidParamPipe) id: string): Promise<TrainingRunDto> {
    return this.presenter.one(await this.runs.get(id));
  }
}
