import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { TickBatcher } from '../../common/async/tick-batcher';
import { Task } from '../entities/task.entity';

/** Below MikroORM's insert batch size (300), so a batch is one INSERT statement: all its rows or none. */
const MAX_ROWS = 200;

/**
 * Writes new task records, grouping the ones written at the same moment (concurrent enqueues) into one
 * multi-row INSERT: one commit for many tasks instead of one transaction each. A record is written outside the
 * caller's unit of work, so the caller's own pending changes are not flushed with it.
 */
@Injectable()
export class GroupedTaskInserts {
  private readonly batcher: TickBatcher<Task, void>;

  constructor(orm: MikroORM) {
    this.batcher = new TickBatcher(async (tasks) => {
      await orm.em.fork().insertMany(tasks);
      return tasks.map(() => undefined);
    }, MAX_ROWS);
  }

  /** Resolves once the record is committed; rejects with this record's own error. */
  insert(task: Task): Promise<void> {
    return this.batcher.submit(task);
  }
}
