import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import { ownedByCaller, requireOwnerOrAdmin, type OwnershipCaller } from '../common/auth/ownership';
import type { Page } from '../common/pagination/page.dto';
import { paginate, type PageRequest } from '../common/pagination/paginate';
import { User } from '../users/entities/user.entity';
import { Dashboard } from './entities/dashboard.entity';
import { MetricsQueryCache } from './query/metrics-query-cache';

/** Dashboards: created, listed, renamed and deleted by their owner (admins: any); names are unique per owner. */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly em: EntityManager,
    private readonly cache: MetricsQueryCache,
  ) {}

  async create(caller: OwnershipCaller, name: string): Promise<Dashboard> {
    const dashboard = this.em.create(Dashboard, {
      owner: this.em.getReference(User, caller.userId),
      name,
    });
    await this.flushNamed(name);
    return dashboard;
  }

  list(caller: OwnershipCaller, page: PageRequest): Promise<Page<Dashboard>> {
    return paginate(this.em, Dashboard, ownedByCaller(caller), page, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  async get(caller: OwnershipCaller, id: string): Promise<Dashboard> {
    return requireOwnerOrAdmin(caller, await this.em.findOne(Dashboard, { id }), {
      kind: 'dashboard',
      id,
    });
  }

  async rename(caller: OwnershipCaller, id: string, name: string): Promise<Dashboard> {
    const dashboard = await this.get(caller, id);
    dashboard.name = name;
    await this.flushNamed(name);
    return dashboard;
  }

  async delete(caller: OwnershipCaller, id: string): Promise<void> {
    const dashboard = await this.get(caller, id);
    await this.em.remove(dashboard).flush();
    await this.cache.forget(id);
  }

  /**
   * The owner's dashboard called `name`, created if missing (for modules that record metrics of their own, and
   * the demo seed). Safe under concurrency: the unique (owner, name) constraint decides, and the loser reads.
   */
  async findOrCreate(ownerId: string, name: string): Promise<Dashboard> {
    await this.em.getConnection().execute(
      `insert into "dashboards" ("id", "created_at", "updated_at", "owner_id", "name")
         values (?, now(), now(), ?, ?) on conflict ("owner_id", "name") do nothing`,
      [newId(), ownerId, name],
    );
    return this.em.findOneOrFail(Dashboard, { owner: ownerId, name });
  }

  /** Ids of the given dashboards with their owners, in one query (ingest checks them all at once). */
  findMany(ids: string[]): Promise<Dashboard[]> {
    return this.em.find(Dashboard, { id: { $in: ids } });
  }

  private async flushNamed(name: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ConflictException(`You already have a dashboard named "${name}"`);
      throw error;
    }
  }
}
