import { MikroOrmModule } from '@mikro-orm/nestjs';
import {
  Global,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnModuleInit,
} from '@nestjs/common';
import { DatabaseMigrations } from './database-migrations';
import { buildMikroOrmOptions, type MikroOrmOptionsInput } from './mikro-orm.options';

const MIGRATE_ON_START = Symbol('MIGRATE_ON_START');

@Injectable()
class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly migrations: DatabaseMigrations) {}

  async onModuleInit(): Promise<void> {
    const applied = await this.migrations.up();
    this.logger.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'schema is up to date');
  }
}

export interface DatabaseModuleOptions extends MikroOrmOptionsInput {
  migrateOnStart: boolean;
}

/** MikroORM for the app: entities from forFeature(), request context per HTTP request, optional migrations at start. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRoot({
          ...buildMikroOrmOptions(options),
          autoLoadEntities: true,
          registerRequestContext: true,
        }),
      ],
      providers: [
        DatabaseMigrations,
        ...(options.migrateOnStart
          ? [{ provide: MIGRATE_ON_START, useClass: MigrateOnStart }]
          : []),
      ],
      exports: [DatabaseMigrations],
    };
  }
}
