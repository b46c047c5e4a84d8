import { Processor } from '@nestjs/bullmq';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { ReliefJobRunner } from './relief-job.runner';

@Processor('jobs-builtin')
export class JobsBuiltinProcessor extends QueueProcessor<'jobs-builtin'> {
  readonly queueName = 'jobs-builtin';

  constructor(private readonly relief: ReliefJobRunner) {
    super();
  }

  protected readonly handlers: JobHandlers<'jobs-builtin'> = {
    generate: (job) => this.relief.run(job),
  };
}
