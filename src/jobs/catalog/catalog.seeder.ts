import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { SeedStep, type SeedReport, type Seeder } from '../../seeding/seed-step.decorator';
import { AiModel } from '../entities/ai-model.entity';
import { readCatalogFile } from './catalog-file';

/** The generative model catalogue from seeds/ai_models.json: created, or brought in line (idempotent). */
@SeedStep({
  name: 'catalog',
  order: 10,
  description: 'Generative 3D model catalogue (seeds/ai_models.json)',
  demo: false,
})
@Injectable()
export class CatalogSeeder implements Seeder {
  constructor(private readonly em: EntityManager) {}

  async run(): Promise<SeedReport> {
    let created = 0;
    let updated = 0;
    for (const entry of readCatalogFile()) {
      const wanted = {
        name: entry.name,
        kind: entry.kind,
        runner: entry.runner,
        enabled: entry.enabled,
        defaultParams: entry.default_params,
        paramSchema: entry.param_schema,
      };
      const existing = await this.em.findOne(AiModel, { id: entry.id });
      if (!existing) {
        this.em.create(AiModel, { id: entry.id, ...wanted });
        created += 1;
      } else if (!isDeepStrictEqual({ ...wanted }, pickWanted(existing))) {
        Object.assign(existing, wanted);
        updated += 1;
      }
    }
    await this.em.flush();
    return { created, updated };
  }
}

const pickWanted = (m: AiModel) => ({
  name: m.name,
  kind: m.kind,
  runner: m.runner,
  enabled: m.enabled,
  defaultParams: m.defaultParams,
  paramSchema: m.paramSchema,
});
