import type { Knex } from '@mikro-orm/postgresql';
import { TickBatcher } from '../../common/async/tick-batcher';
import type { TaskStatus } from '../entities/task-status';

/**
 * Reads the status of tasks by job id, the reads asked for at the same moment (jobs starting together, each
 * checking for a cancel) as one query. A job without a record reads as null.
 */
export class GroupedStatusReads {
  private readonly batcher: TickBatcher<string, TaskStatus | null>;

  constructor(knex: () => Knex) {
    this.batcher = new TickBatcher(async (jobIds) => {
      const rows = (await knex()('tasks')
        .whereIn('job_id', [...new Set(jobIds)])
        .select('job_id', 'status')) as { job_id: string; status: TaskStatus }[];
      const byJob = new Map(rows.map((row) => [row.job_id, row.status]));
      return jobIds.map((jobId) => byJob.get(jobId) ?? null);
    }, 500);
  }

  statusOf(jobId: string): Promise<TaskStatus | null> {
    return this.batcher.submit(jobId);
  }
}
