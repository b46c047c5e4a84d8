import { DatabaseMigrations } from '@app/database';
import { Command, SubCommand } from 'nest-commander';
import { CliCommand, CliCommandGroup } from './cli-command';
import { MigrationIndexWriter } from './migration-index-writer';

@SubCommand({ name: 'up', description: 'Apply every pending migration (all in one transaction)' })
export class MigrateUpCommand extends CliCommand {
  constructor(private readonly migrations: DatabaseMigrations) {
    super();
  }

  protected async execute(): Promise<void> {
    const applied = await this.migrations.up();
    this.print(
      applied.length > 0
        ? `applied: ${applied.join(', ')}`
        : 'nothing to apply: schema is up to date',
    );
  }
}

@SubCommand({ name: 'status', description: 'List executed and pending migrations' })
export class MigrateStatusCommand extends CliCommand {
  constructor(private readonly migrations: DatabaseMigrations) {
    super();
  }

  protected async execute(): Promise<void> {
    const { executed, pending } = await this.migrations.state();
    for (const name of executed) this.print(`executed  ${name}`);
    for (const name of pending) this.print(`pending   ${name}`);
    this.print(`${executed.length} executed, ${pending.length} pending`);
  }
}

@SubCommand({
  name: 'create',
  description:
    'Development: write a migration for the difference between entities and the database',
})
export class MigrateCreateCommand extends CliCommand {
  constructor(
    private readonly migrations: DatabaseMigrations,
    private readonly index: MigrationIndexWriter,
  ) {
    super();
  }

  protected async execute(): Promise<void> {
    const file = await this.migrations.create();
    if (!file) return this.print('no changes: entities and database agree');
    this.index.write();
    this.print(`created migrations/${file} and listed it in migrations/index.ts`);
  }
}

@Command({
  name: 'migrate',
  description: 'Database schema migrations',
  subCommands: [MigrateUpCommand, MigrateStatusCommand, MigrateCreateCommand],
})
export class MigrateCommand extends CliCommandGroup {}
