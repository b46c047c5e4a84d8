import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UserRole } from '../common/auth/user-role';
import { AppConfig } from '../config';
import { TaskDto } from '../tasks/dto/task.dto';
import { TaskQueue } from '../tasks/task-queue.service';
import { RunHousekeepingDto } from './dto/run-housekeeping.dto';

@ApiTags('tasks')
@Auth(UserRole.Admin)
@Controller('api/v1/housekeeping')
export class HousekeepingController {
  constructor(
    private readonly taskQueue: TaskQueue,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a housekeeping job now (admin); follow it with GET /api/v1/tasks/{id}',
  })
  @ApiAcceptedResponse({ type: TaskDto })
  async run(@Body() body: RunHousekeepingDto, @CurrentUser() caller: Principal): Promise<TaskDto> {
    const { taskRetentionDays, revokedKeyRetentionDays } = this.config.queues;
    const fallback = body.job === 'purge-api-keys' ? revokedKeyRetentionDays : taskRetentionDays;
    const task = await this.taskQueue.enqueue(
      'housekeeping',
      body.job,
      { retentionDays: body.retentionDays ?? fallback },
      {
        ownerId: caller.userId,
      },
    );
    return TaskDto.from(task);
  }
}
