import { Injectable } from '@nestjs/common';
import type { Job, JobsOptions } from 'bullmq';
import { TickBatcher } from '../../common/async/tick-batcher';
import type { QueueName } from '../queue-catalog';
import { QueueRegistry } from '../queue-registry';

export interface JobToAdd {
  name: string;
  data: unknown;
  opts: JobsOptions;
}

/**
 * Adds BullMQ jobs, grouping the ones added to a queue at the same moment into one `addBulk` (one Redis round
 * trip, all of them or none). Each caller gets its own job, or its own error.
 */
@Injectable()
export class GroupedJobAdds {
  private readonly batchers = new Map<QueueName, TickBatcher<JobToAdd, Job>>();

  constructor(private readonly queues: QueueRegistry) {}

  add(queue: QueueName, job: JobToAdd): Promise<Job> {
    let batcher = this.batchers.get(queue);
    if (!batcher) {
      const target = this.queues.get(queue);
      batcher = new TickBatcher(async (jobs) =>
        jobs.length === 1
          ? [await target.add(jobs[0].name, jobs[0].data, jobs[0].opts)]
          : target.addBulk(jobs),
      );
      this.batchers.set(queue, batcher);
    }
    return batcher.submit(job);
  }
}
