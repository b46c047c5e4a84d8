import { MikroORM } from '@mikro-orm/core';
import type { Migrator } from '@mikro-orm/migrations';
import { Injectable } from '@nestjs/common';

export interface MigrationState {
  executed: string[];
  pending: string[];
}

/** Runs and reports schema migrations; used at start (DB_MIGRATE_ON_START) and by the CLI. */
@Injectable()
export class DatabaseMigrations {
  constructor(private readonly orm: MikroORM) {}

  private get migrator(): Migrator {
    return this.orm.getMigrator() as Migrator;
  }

  async up(): Promise<string[]> {
    const applied = await this.migrator.up();
    return applied.map((migration) => migration.name);
  }

  async state(): Promise<MigrationState> {
    // Sequential: both calls create the migrations table on first use.
    const executed = await this.migrator.getExecutedMigrations();
    const pending = await this.migrator.getPendingMigrations();
    return { executed: executed.map((m) => m.name), pending: pending.map((m) => m.name) };
  }

  /** Writes a migration for the difference between entities and the database; returns its file name, or null if none. */
  async create(blank = false): Promise<string | null> {
    const result = await this.migrator.createMigration(undefined, blank);
    return result.diff.up.length > 0 || blank ? result.fileName : null;
  }
}
