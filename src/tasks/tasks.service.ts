import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ownedByCaller, requireOwnerOrAdmin } from '../common/auth/ownership';
import type { Principal } from '../common/auth/principal';
import type { Page } from '../common/pagination/page.dto';
import { paginate, type PageRequest } from '../common/pagination/paginate';
import { Task } from './entities/task.entity';
import { FINISHED_TASK_STATUSES, type TaskStatus } from './entities/task-status';

export interface TaskFilter {
  queue?: string;
  name?: string;
  status?: TaskStatus;
}

const DAY_MS = 86_400_000;

@Injectable()
export class TasksService {
  constructor(private readonly em: EntityManager) {}

  /** The tasks the caller may see (their own; every task for an admin), newest first. */
  list(caller: Principal, filter: TaskFilter, page: PageRequest): Promise<Page<Task>> {
    const where: FilterQuery<Task> = { ...ownedByCaller(caller) };
    if (filter.queue) where.queue = filter.queue;
    if (filter.name) where.name = filter.name;
    if (filter.status) where.status = filter.status;
    return paginate(this.em, Task, where, page, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  findById(id: string): Promise<Task | null> {
    return this.em.findOne(Task, { id });
  }

  /** A task the caller may see: their own, or any for an admin. */
  async getVisible(id: string, caller: Principal): Promise<Task> {
    return requireOwnerOrAdmin(caller, await this.em.findOne(Task, { id }), { kind: 'task', id });
  }

  /** Deletes finished task records older than `retentionDays`. */
  purgeFinished(retentionDays: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    return this.em.nativeDelete(Task, {
      status: { $in: FINISHED_TASK_STATUSES },
      finishedAt: { $lt: cutoff },
    });
  }
}
