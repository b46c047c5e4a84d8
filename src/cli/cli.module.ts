import { Module, type DynamicModule } from '@nestjs/common';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config';
import { ApiKeyCommand, ApiKeyCreateCommand, ApiKeyRevokeCommand } from './api-key.command';
import {
  MigrateCommand,
  MigrateCreateCommand,
  MigrateStatusCommand,
  MigrateUpCommand,
} from './migrate.command';
import { MigrationIndexWriter } from './migration-index-writer';
import { SeedCommand } from './seed.command';
import { UserCommand, UserCreateCommand } from './user.command';

@Module({})
export class CliModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [AppModule.forRole(config)],
      providers: [
        MigrationIndexWriter,
        SeedCommand,
        MigrateCommand,
        MigrateUpCommand,
        MigrateStatusCommand,
        MigrateCreateCommand,
        UserCommand,
        UserCreateCommand,
        ApiKeyCommand,
        ApiKeyCreateCommand,
        ApiKeyRevokeCommand,
      ],
    };
  }
}
