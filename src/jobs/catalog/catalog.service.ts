import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AiModel } from '../entities/ai-model.entity';

/** The generative model catalogue as clients see it. */
@Injectable()
export class CatalogService {
  constructor(private readonly em: EntityManager) {}

  /** The models a job may be created for, by id. */
  listEnabled(): Promise<AiModel[]> {
    return this.em.find(AiModel, { enabled: true }, { orderBy: { id: 'asc' } });
  }
}
