import type { Knex } from '@mikro-orm/postgresql';
import { TickBatcher } from '../../common/async/tick-batcher';
import { TaskStatus } from '../entities/task-status';
import { allowedPredecessors, targetOf } from './task-state-machine';

/** One task's `succeed` transition. */
export interface Completion {
  jobId: string;
  /** The job's return value, as JSON text. */
  result: string;
  attemptsMade: number;
  /** When the attempt began, recorded if the task's start was never written. */
  startedAt: Date | null;
}

export type TaskRow = Record<string, unknown>;

/**
 * Writes the `succeed` transitions of jobs finishing at the same moment as one conditional UPDATE (one commit),
 * guarded per row like every transition. Each caller gets its own row back, or null when its task may not
 * move (it ended already) or has no record.
 */
export class GroupedCompletions {
  private readonly batcher: TickBatcher<Completion, TaskRow | null>;

  constructor(
    private readonly knex: () => Knex,
    private readonly returned: readonly string[],
  ) {
    this.batcher = new TickBatcher((completions) => this.writeAll(completions), 500);
  }

  write(completion: Completion): Promise<TaskRow | null> {
    return this.batcher.submit(completion);
  }

  private async writeAll(completions: Completion[]): Promise<(TaskRow | null)[]> {
    const k = this.knex();
    const values = completions
      .map(() => '(?::varchar, ?::jsonb, ?::int, ?::timestamptz)')
      .join(', ');
    const from = allowedPredecessors('succeed');
    const result = (await k.raw(
      `update tasks as t set status = ?, progress = 100, result = v.result, error = null,
         attempts = greatest(t.attempts, v.attempts), started_at = coalesce(t.started_at, v.started_at, now()),
         finished_at = now(), updated_at = now()
       from (values ${values}) as v(job_id, result, attempts, started_at)
       where t.job_id = v.job_id and t.status in (${from.map(() => '?').join(', ')})
       returning ${this.returned.map((column) => `t.${column}`).join(', ')}`,
      [
        targetOf('succeed') satisfies TaskStatus,
        ...completions.flatMap((c) => [c.jobId, c.result, c.attemptsMade, c.startedAt]),
        ...from,
      ],
    )) as { rows: TaskRow[] };
    const byJob = new Map(result.rows.map((row) => [String(row.job_id), row]));
    return completions.map((c) => byJob.get(c.jobId) ?? null);
  }
}
