import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException } from '@nestjs/common';
import { RealtyModelVersion } from '../entities/model-version.entity';
import { PriceModels } from './price-models';

/** Stored house-price model versions: list, inspect, activate (the active one is kept in Postgres). */
@Injectable()
export class ModelVersionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly models: PriceModels,
  ) {}

  list(): Promise<RealtyModelVersion[]> {
    return this.em.find(RealtyModelVersion, {}, { orderBy: { version: 'desc' } });
  }

  count(): Promise<number> {
    return this.em.count(RealtyModelVersion, {});
  }

  async get(version: number): Promise<RealtyModelVersion> {
    const found = await this.em.findOne(RealtyModelVersion, { version });
    if (!found) throw new NotFoundException(`Model version ${version} not found`);
    return found;
  }

  active(): Promise<RealtyModelVersion | null> {
    return this.em.findOne(RealtyModelVersion, { active: true });
  }

  /** The named version, else the active one; null when no version is active. */
  async resolve(version?: number): Promise<RealtyModelVersion | null> {
    return version === undefined ? this.active() : this.get(version);
  }

  /**
   * Makes `version` the active one: loaded into this process's registry first (a version whose file cannot be
   * loaded is never activated), then switched in one transaction, then routed to by the registry.
   */
  async activate(version: number): Promise<RealtyModelVersion> {
    const target = await this.get(version);
    await this.models.ensureLoaded(target);
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(
        RealtyModelVersion,
        { active: true, version: { $ne: version } },
        {
          active: false,
        },
      );
      await tx.nativeUpdate(
        RealtyModelVersion,
        { version },
        { active: true, activatedAt: new Date() },
      );
    });
    await this.em.refresh(target);
    await this.models.activate(target);
    return target;
  }
}
