import { EntityManager } from '@mikro-orm/postgresql';
import { SeededRandom } from '@app/inference';
import { Injectable } from '@nestjs/common';
import { SeedStep, type SeedReport, type Seeder } from '../seeding/seed-step.decorator';
import { Prediction } from './entities/prediction.entity';
import { mockVehicleRecords } from './mock-vehicle-records';
import { PredictionsService } from './predictions.service';

const DEMO_COUNT = 300;
const DEMO_PREFIX = 'DEMO-';

/**
 * 300 demo predictions over the last 30 days, two thirds with a real result (mostly agreeing with the model, as a
 * real line would), so the list and /quality show something on first start. Skipped when demo records exist.
 */
@SeedStep({
  name: 'demo',
  order: 50,
  description: 'Demo predictions (300, some with real results)',
  demo: true,
})
@Injectable()
export class DemoPredictionsSeeder implements Seeder {
  constructor(
    private readonly predictions: PredictionsService,
    private readonly em: EntityManager,
  ) {}

  async run(): Promise<SeedReport> {
    if ((await this.em.count(Prediction, { knr: { $like: `${DEMO_PREFIX}%` } })) > 0)
      return { created: 0, updated: 0 };
    const prng = new SeededRandom(20261123);
    const random = (): number => prng.next();
    const records = mockVehicleRecords(DEMO_COUNT, random).map((r, i) => ({
      ...r,
      knr: `${DEMO_PREFIX}${String(i + 1).padStart(4, '0')}`,
    }));
    const created = await this.predictions.createMany(records);
    for (const prediction of created) {
      const roll = random();
      if (roll < 1 / 3) continue;
      const agrees = roll < 0.9;
      prediction.realResult = agrees
        ? prediction.predictionResult
        : 1 - prediction.predictionResult;
    }
    await this.em.flush();
    return { created: created.length, updated: 0 };
  }
}
