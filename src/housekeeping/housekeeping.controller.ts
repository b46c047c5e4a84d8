import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UserRole } from '../common/auth/user-role';
import { TaskDto } from '../tasks/dto/task.dto';
import { RunHousekeepingDto } from './dto/run-housekeeping.dto';
import { HousekeepingService } from './housekeeping.service';

@ApiTags('tasks')
@Auth(UserRole.Admin)
@Controller('api/v1/housekeeping')
export class HousekeepingController {
  constructor(private readonly housekeeping: HousekeepingService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a housekeeping job now (admin); follow it with GET /api/v1/tasks/{id}',
  })
  @ApiAcceptedResponse({ type: TaskDto })
  async run(@Body() body: RunHousekeepingDto, @CurrentUser() caller: Principal): Promise<TaskDto> {
    return TaskDto.from(
      await this.housekeeping.runNow(body.job, caller.userId, body.retentionDays),
    );
  }
}
