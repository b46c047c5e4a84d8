import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { TaskQueryDto } from './dto/task-query.dto';
import { TaskDto } from './dto/task.dto';
import { TaskQueue } from './task-queue.service';
import { TasksService } from './tasks.service';

const TaskPage = PageOf(TaskDto);

@ApiTags('tasks')
@Auth()
@Controller('api/v1/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly taskQueue: TaskQueue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List background tasks: your own, or every task for an admin' })
  @ApiOkResponse({ type: TaskPage })
  async list(
    @Query() query: TaskQueryDto,
    @CurrentUser() caller: Principal,
  ): Promise<Page<TaskDto>> {
    return mapPage(await this.tasks.list(caller, query, query), (task) => TaskDto.from(task));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task: status, progress, result or error, attempts, timestamps' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.tasks.getVisible(id, caller));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed task again' })
  @ApiAcceptedResponse({ type: TaskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The task has not failed' })
  async retry(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.taskQueue.retry(id, caller));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a queued or running task: removed from its queue, or stopped at its next step',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The task has already ended' })
  async cancel(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<TaskDto> {
    return TaskDto.from(await this.taskQueue.cancel(id, caller));
  }
}
