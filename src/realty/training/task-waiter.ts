import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Task } from '../../tasks/entities/task.entity';
import { FINISHED_TASK_STATUSES } from '../../tasks/entities/task-status';

const POLL_MS = 200;

/** Waits for a task record to end (the sync mode of realty routes), reading it from Postgres. */
@Injectable()
export class TaskWaiter {
  constructor(private readonly em: EntityManager) {}

  /** The ended task, or the task as it is when `timeoutMs` has passed. */
  async untilEnded(taskId: string, timeoutMs: number): Promise<Task> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.em.fork().findOneOrFail(Task, { id: taskId });
      if (FINISHED_TASK_STATUSES.includes(task.status) || Date.now() >= deadline) return task;
      await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
    }
  }
}
