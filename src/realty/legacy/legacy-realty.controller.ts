import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseFilters,
  type Type,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UserRole } from '../../common/auth/user-role';
import { LegacyDetailDto } from '../../predictions/legacy/legacy-prediction.dto';
import { LegacyDetailFilter } from './legacy-detail.filter';
import {
  LegacyCeleryStatusDto,
  LegacyPredictionsDto,
  LegacyPredictRequestDto,
  LegacyRealtyStatusDto,
  LegacyTaskAcceptedDto,
  LegacyTaskDto,
  LegacyTaskListDto,
  LegacyTasksQueryDto,
  LegacyTrainedDto,
  LegacyTrainRequestDto,
} from './legacy-realty.dto';
import { LegacyRealtyService } from './legacy-realty.service';
import { LegacyRealtyStatus } from './legacy-realty-status';

/** A 200 answer that is one of `models` (sync result or queued task). */
const oneOf = (...models: Type[]) => ({
  content: {
    'application/json': { schema: { oneOf: models.map((m) => ({ $ref: getSchemaPath(m) })) } },
  },
});

/** The old realty service's routes (FastAPI + Celery), same bodies, over the canonical services. */
@ApiTags('legacy')
@ApiExtraModels(LegacyTrainedDto, LegacyTaskAcceptedDto, LegacyPredictionsDto)
@UseFilters(LegacyDetailFilter)
@Controller()
export class LegacyRealtyController {
  constructor(
    private readonly legacy: LegacyRealtyService,
    private readonly status: LegacyRealtyStatus,
  ) {}

  @Post('treinar')
  @HttpCode(200)
  @Auth(UserRole.Admin, UserRole.Operator)
  @ApiOperation({
    summary:
      'Legacy: train on `dados` (or the demo dataset); sync answers the model, assincrono a task',
    deprecated: true,
  })
  @ApiOkResponse(oneOf(LegacyTrainedDto, LegacyTaskAcceptedDto))
  train(
    @Body() body: LegacyTrainRequestDto,
    @CurrentUser() caller: Principal,
  ): Promise<LegacyTrainedDto | LegacyTaskAcceptedDto> {
    return this.legacy.train(body, caller);
  }

  @Post('prever')
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'Legacy: prices of `dados` with the active model', deprecated: true })
  @ApiOkResponse(oneOf(LegacyPredictionsDto, LegacyTaskAcceptedDto))
  @ApiConflictResponse({ type: LegacyDetailDto, description: 'No model trained yet' })
  predict(
    @Body() body: LegacyPredictRequestDto,
    @CurrentUser() caller: Principal,
  ): Promise<LegacyPredictionsDto | LegacyTaskAcceptedDto> {
    return this.legacy.predict(body, caller);
  }

  @Get('tarefa/:task_id')
  @Auth()
  @ApiOperation({ summary: 'Legacy: a task with Celery status names', deprecated: true })
  @ApiOkResponse({ type: LegacyTaskDto })
  @ApiNotFoundResponse({ type: LegacyDetailDto })
  task(@Param('task_id') id: string, @CurrentUser() caller: Principal): Promise<LegacyTaskDto> {
    return this.legacy.task(id, caller);
  }

  @Get('tarefas')
  @Auth()
  @ApiOperation({ summary: 'Legacy: realty tasks, newest first', deprecated: true })
  async tasks(
    @Query() query: LegacyTasksQueryDto,
    @CurrentUser() caller: Principal,
  ): Promise<LegacyTaskListDto> {
    return { tarefas: await this.legacy.list(query.limit, caller) };
  }

  @Get('status')
  @Public()
  @ApiOperation({ summary: 'Legacy: API, model, Redis and workers', deprecated: true })
  state(): Promise<LegacyRealtyStatusDto> {
    return this.status.status();
  }

  @Get('celery-status')
  @Auth()
  @ApiOperation({
    summary: 'Legacy: per queue the job counts and the workers (BullMQ)',
    deprecated: true,
  })
  celery(): Promise<LegacyCeleryStatusDto> {
    return this.status.queues();
  }
}
