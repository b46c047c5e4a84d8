import { Injectable } from '@nestjs/common';
import { QueueProcessor, type JobHandlers } from '../tasks/queue-processor';
import { ReliefJobRunner } from './relief-job.runner';

/** Built-in 3D jobs; the job row follows its task through JobTaskMirror. */
@Injectable()
export class JobsBuiltinProcessor extends QueueProcessor<'jobs-builtin'> {
  readonly queueName = 'jobs-builtin';

  constructor(private readonly relief: ReliefJobRunner) {
    super();
  }

  protected readonly handlers: JobHandlers<'jobs-builtin'> = {
    generate: (job) => this.relief.run(job),
  };
}
