import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { QueueStatusDto } from './dto/queue-status.dto';
import { QueueStatusService } from './queue-status.service';

@ApiTags('queues')
@Auth()
@Controller('api/v1/queues')
export class QueuesController {
  constructor(private readonly status: QueueStatusService) {}

  @Get()
  @ApiOperation({ summary: 'Every queue with its job counts by state and the workers connected' })
  @ApiOkResponse({ type: [QueueStatusDto] })
  all(): Promise<QueueStatusDto[]> {
    return this.status.all();
  }
}
