import { Command, Option } from 'nest-commander';
import { SeedRunner, type SeedStepResult } from '../seeding/seed-runner';
import { CliCommand } from './cli-command';

@Command({
  name: 'seed',
  arguments: '[name]',
  description:
    'Load seed data: the production seeds in order (admin, catalogues), with --demo also the demo data, or only the one named (see --list). Idempotent.',
})
export class SeedCommand extends CliCommand {
  constructor(private readonly seeds: SeedRunner) {
    super();
  }

  @Option({ flags: '--list', description: 'List the available seeds and exit' })
  parseList(): boolean {
    return true;
  }

  @Option({ flags: '--demo', description: 'Also load the demo data (as `npm start` does)' })
  parseDemo(): boolean {
    return true;
  }

  protected async execute(
    [name]: string[],
    options: { list?: boolean; demo?: boolean },
  ): Promise<void> {
    if (options.list) {
      for (const step of this.seeds.steps())
        this.print(`${step.name.padEnd(12)} ${step.demo ? '(demo) ' : ''}${step.description}`);
      return;
    }
    const report = (result: SeedStepResult): void => {
      this.print(`seed ${result.name}: ${result.created} created, ${result.updated} updated`);
      for (const note of result.notes ?? []) this.print(`  ${note}`);
    };
    if (name) await this.seeds.runNamed(name, report);
    else await this.seeds.runAll({ demo: options.demo === true }, report);
  }
}
