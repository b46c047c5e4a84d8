import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PageOf, type Page } from '../common/pagination/page.dto';
import { mapPage } from '../common/pagination/paginate';
import { CreateJobDto } from './dto/create-job.dto';
import { JobQueryDto } from './dto/job-query.dto';
import { DownloadDto, JobDto, JobEventDto } from './dto/job.dto';
import { UploadTicketDto, UploadTicketRequestDto } from './dto/upload-ticket.dto';
import { JobCreation } from './job-creation';
import { JobStream } from './job-stream';
import { JobsService } from './jobs.service';
import { UploadTickets } from './upload-tickets';

const JobPage = PageOf(JobDto);

@ApiTags('jobs')
@Auth()
@Controller('api/v1/jobs')
export class JobsController {
  constructor(
    private readonly tickets: UploadTickets,
    private readonly creation: JobCreation,
    private readonly jobs: JobsService,
    private readonly streams: JobStream,
  ) {}

  @Post('upload-ticket')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A presigned PUT for an input image (png, jpeg, webp; ≤ 20 MiB), bound to one object',
  })
  ticket(
    @Body() body: UploadTicketRequestDto,
    @CurrentUser() caller: Principal,
  ): Promise<UploadTicketDto> {
    return this.tickets.issue(caller.userId, body);
  }

  @Post()
  @ApiOperation({
    summary:
      'Create a job: parameters merged over the model defaults and validated; queued at once',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown model' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Disabled model, bad parameter, missing prompt or input',
  })
  async create(@Body() body: CreateJobDto, @CurrentUser() caller: Principal): Promise<JobDto> {
    const { job, artifacts } = await this.creation.create(caller.userId, body);
    return JobDto.from(job, artifacts);
  }

  @Get()
  @ApiOperation({ summary: 'Your jobs (all jobs for an admin), newest first' })
  @ApiOkResponse({ type: JobPage })
  async list(@Query() query: JobQueryDto, @CurrentUser() caller: Principal): Promise<Page<JobDto>> {
    return mapPage(await this.jobs.list(caller, query), (job) => JobDto.from(job));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job with its progress, parameters, error and artifacts' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<JobDto> {
    const { job, artifacts } = await this.jobs.get(id, caller);
    return JobDto.from(job, artifacts);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'Every state change and progress step of a job' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async events(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<JobEventDto[]> {
    return (await this.jobs.events(id, caller)).map((e) => JobEventDto.from(e));
  }

  @Get(':id/stream')
  @ApiOperation({
    summary:
      'Server-sent events of a job: snapshot, then status and progress changes until it ends',
  })
  @ApiOkResponse({
    description:
      'event: snapshot|status|progress, data: {type, status, progress_percent, error?, step?}',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async stream(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    await this.streams.open(id, caller, res);
  }

  @Get(':id/download')
  @ApiOperation({ summary: 'A presigned GET of the output file' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The job has not SUCCEEDED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown job, or no output file' })
  download(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<DownloadDto> {
    return this.jobs.download(id, caller);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel: a queued job leaves its queue, a running one stops at its next step',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The job has already ended' })
  async cancel(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() caller: Principal,
  ): Promise<JobDto> {
    const { job, artifacts } = await this.jobs.cancel(id, caller);
    return JobDto.from(job, artifacts);
  }
}
