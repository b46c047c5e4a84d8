import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  SEED_STEP,
  type SeedReport,
  type SeedStepOptions,
  type Seeder,
} from './seed-step.decorator';

export interface SeedStepResult extends SeedReport {
  name: string;
}

interface RegisteredStep {
  options: SeedStepOptions;
  seeder: Seeder;
}

/** Runs every `@SeedStep` provider of the app in order, or one by name; each in its own ORM context. */
@Injectable()
export class SeedRunner {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly orm: MikroORM,
  ) {}

  steps(): SeedStepOptions[] {
    return this.registered().map((step) => step.options);
  }

  /** Every production step in order; demo steps too when `options.demo` is set. */
  async runAll(
    options: { demo: boolean },
    onStep?: (result: SeedStepResult) => void,
  ): Promise<SeedStepResult[]> {
    const results: SeedStepResult[] = [];
    for (const step of this.registered().filter((s) => options.demo || !s.options.demo)) {
      const result = await this.runStep(step);
      onStep?.(result);
      results.push(result);
    }
    return results;
  }

  /** Runs every step registered under `name` (several modules may each add a `demo` step). */
  async runNamed(
    name: string,
    onStep?: (result: SeedStepResult) => void,
  ): Promise<SeedStepResult[]> {
    const steps = this.registered().filter((candidate) => candidate.options.name === name);
    if (steps.length === 0) {
      const known = [...new Set(this.steps().map((s) => s.name))].join(', ');
      throw new NotFoundException(`Unknown seed "${name}". Known seeds: ${known}`);
    }
    const results: SeedStepResult[] = [];
    for (const step of steps) {
      const result = await this.runStep(step);
      onStep?.(result);
      results.push(result);
    }
    return results;
  }

  @CreateRequestContext()
  private async runStep(step: RegisteredStep): Promise<SeedStepResult> {
    return { name: step.options.name, ...(await step.seeder.run()) };
  }

  private registered(): RegisteredStep[] {
    return this.discovery
      .getProviders()
      .flatMap((wrapper) => {
        const options = wrapper.metatype
          ? Reflect.getMetadata(SEED_STEP, wrapper.metatype)
          : undefined;
        return options && wrapper.instance
          ? [{ options: options as SeedStepOptions, seeder: wrapper.instance as Seeder }]
          : [];
      })
      .sort((a, b) => a.options.order - b.options.order);
  }
}
