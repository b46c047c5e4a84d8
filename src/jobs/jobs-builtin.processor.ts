import { CreateRequestContext } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Job as QueueJob } from 'bullmq';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { ReliefJobRunner } from './relief-job.runner';

@Injectable()
export class JobsBuiltinProcessor extends QueueProcessor<'jobs-builtin'> {
  readonly queueName = 'jobs-builtin';

  constructor(private readonly relief: ReliefJobRunner) {
    super();
  }

  protected readonly handlers: JobHandlers<'jobs-builtin'> = {
    generate: (job) => this.relief.run(job),
  };

  @CreateRequestContext()
  protected override afterFinalFailure(job: QueueJob<{ jobId: string }>, error: Error) {
    return this.relief.failed(job.data.jobId, error);
  }
}
