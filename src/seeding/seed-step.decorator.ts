import { SetMetadata } from '@nestjs/common';

export const SEED_STEP = 'seeding:step';

export interface SeedStepOptions {
  /** Name used by `cli seed <name>`. */
  name: string;
  /** Lower runs first (the admin user is 0). */
  order: number;
  description: string;
  /**
   * Demo data (sample records for trying the product). Production seeds (`cli seed`) skip these; `npm start` and
   * `cli seed --demo` run them. Admin users and catalogues are not demo data.
   */
  demo: boolean;
}

export interface SeedReport {
  created: number;
  updated: number;
  /** Lines for the operator, e.g. a generated key that is shown only once. */
  notes?: string[];
}

/** An idempotent seeder: a second run creates and updates nothing. */
export interface Seeder {
  run(): Promise<SeedReport>;
}

/** Marks a provider as a seed step; the SeedRunner finds every one of them. */
export const SeedStep = (options: SeedStepOptions): ClassDecorator =>
  SetMetadata(SEED_STEP, options);
