import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/page.dto';
import { Task } from './entities/task.entity';
import { FINISHED_TASK_STATUSES, type TaskStatus } from './entities/task-status';

export interface TaskFilter {
  queue?: string;
  name?: string;
  status?: TaskStatus;
  ownerId?: string;
}

const DAY_MS = 86_400_000;

@Injectable()
export class TasksService {
  constructor(private readonly em: EntityManager) {}

  async list(filter: TaskFilter, skip: number, limit: number): Promise<Page<Task>> {
    const where: FilterQuery<Task> = {};
    if (filter.queue) where.queue = filter.queue;
    if (filter.name) where.name = filter.name;
    if (filter.status) where.status = filter.status;
    if (filter.ownerId) where.owner = filter.ownerId;
    const [items, total] = await this.em.findAndCount(Task, where, {
      orderBy: { createdAt: 'desc' },
      offset: skip,
      limit,
    });
    return { items, total, skip, limit };
  }

  findById(id: string): Promise<Task | null> {
    return this.em.findOne(Task, { id });
  }

  /** A task the caller may see: their own, or any for an admin. */
  async getVisible(id: string, callerId: string, isAdmin: boolean): Promise<Task> {
    const task = await this.em.findOne(Task, { id });
    if (!task) throw new NotFoundException(`Task ${id} not found`);
    if (!isAdmin && task.owner?.id !== callerId)
      throw new ForbiddenException('This task belongs to another user');
    return task;
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
