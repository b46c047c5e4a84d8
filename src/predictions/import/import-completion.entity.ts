import { Entity, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { Task } from '../../tasks/entities/task.entity';

/**
 * The "done" mark of one CSV import, written in the transaction that writes its rows: a re-run of the same task
 * (after a lost lock, a worker crash or a retry) finds it and returns the recorded result instead of importing
 * again. Removed with its task.
 */
@Entity({ tableName: 'import_completions' })
export class ImportCompletion {
  @OneToOne(() => Task, { primary: true, ref: true, deleteRule: 'cascade', owner: true })
  task: Ref<Task>;

  @Property({ type: 'integer' })
  imported: number;

  @Property({ type: 'integer' })
  rows: number;

  @Property({ type: 'string', length: 64 })
  modelVersion: string;

  @Property({ type: 'timestamptz' })
  completedAt: Date = new Date();
}
