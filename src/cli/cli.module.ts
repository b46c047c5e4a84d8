import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PROPERTY_DEPS_METADATA } from '@nestjs/common/constants';
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

const COMMANDS: Type[] = [
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
];

/** Every token a command is built from: constructor parameters and `@Inject()` properties (its base class's too). */
function dependenciesOf(command: Type): unknown[] {
  const parameters: unknown[] = Reflect.getMetadata('design:paramtypes', command) ?? [];
  const properties: { type: unknown }[] =
    Reflect.getMetadata(PROPERTY_DEPS_METADATA, command) ?? [];
  return [...parameters, ...properties.map((property) => property.type)];
}

@Module({})
export class CliModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [AppModule.forRole(config)],
      providers: [MigrationIndexWriter, ...COMMANDS],
    };
  }

  /**
   * The command tree alone, for `--help`: commands are described but never run, so the services they are built
   * from stay empty placeholders and neither a configuration nor a database is needed.
   */
  static forHelp(): DynamicModule {
    const tokens = new Set(COMMANDS.flatMap(dependenciesOf));
    return {
      module: CliModule,
      providers: [
        ...COMMANDS,
        ...[...tokens].map((token) => ({ provide: token as Type, useValue: {} })),
      ],
    };
  }
}
