import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from '../../config/app-root';
import { SeedStep, type SeedReport, type Seeder } from '../../seeding/seed-step.decorator';
import { readDatasetCsv } from './dataset-csv-reader';
import { DatasetsService } from './datasets.service';

/** Real sales from Lucas County, Ohio (spData `house`, CC0-1.0; see seeds/realty/README.md). */
export const DEMO_DATASET_FILE = join(APP_ROOT, 'seeds', 'realty', 'lucas_county_house.csv');
export const DEMO_DATASET_NAME = 'lucas-county-house';
/** Living area, year built, rooms, lot, garage, location, and three categorical columns. */
export const DEMO_FEATURES = [
  'TLA',
  'yrbuilt',
  'beds',
  'baths',
  'lotsize',
  'garagesqft',
  'x',
  'y',
  'wall',
  'garage',
  'stories',
];

@SeedStep({
  name: 'realty',
  order: 60,
  description: 'Demo house-price dataset: 25,357 Lucas County sales (target price)',
  demo: true,
})
@Injectable()
export class DemoDatasetSeeder implements Seeder {
  constructor(private readonly datasets: DatasetsService) {}

  async run(): Promise<SeedReport> {
    if (await this.datasets.findDemo()) return { created: 0, updated: 0 };
    const rows = await readDatasetCsv(createReadStream(DEMO_DATASET_FILE), Number.MAX_SAFE_INTEGER);
    const dataset = await this.datasets.createFromRows(rows, {
      name: DEMO_DATASET_NAME,
      origin: 'demo',
      target: 'price',
      defaultFeatures: DEMO_FEATURES,
    });
    return {
      created: 1,
      updated: 0,
      notes: [`realty demo dataset ${dataset.id}: ${dataset.rowCount} rows`],
    };
  }
}
