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
import { UserRole } from '../common/auth/user-role';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
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
    const ownerId = caller.role === UserRole.Admin ? undefined : caller.userId;
    const page = await this.tasks.list({ ...query, ownerId }, query.skip, query.limit);
    return { ...page, items: page.items.map((task) => TaskDto.from(task)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One task: status, progress, result or error, attempts, timestamps' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<TaskDto> {
    return TaskDto.from(
      await this.tasks.getVisible(id, caller.userId, caller.role === UserRole.Admin),
    );
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
    return TaskDto.from(
      await this.taskQueue.retry(id, caller.userId, caller.role === UserRole.Admin),
    );
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
    return TaskDto.from(
      await this.taskQueue.cancel(id, caller.userId, caller.role === UserRole.Admin),
    );
  }
}
