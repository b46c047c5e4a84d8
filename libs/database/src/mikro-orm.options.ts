import { defineConfig, type MigrationObject, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import { connectionTlsOf } from './connection-tls';

export interface DatabaseSettings {
  url: string;
  poolMin: number;
  poolMax: number;
  idleTimeoutMs: number;
  debug: boolean;
}

export interface MikroOrmOptionsInput {
  database: DatabaseSettings;
  /** Every migration, in order (see migrations/index.ts). Listed explicitly so compiled and source runs behave alike. */
  migrations: MigrationObject[];
  /** Folder where `migrate create` writes new migration files. */
  migrationsFolder?: string;
  /** Entities; in the Nest app they are collected from forFeature() registrations instead. */
  entities?: Options['entities'];
  logger?: (message: string) => void;
}

interface RawPgConnection {
  query(sql: string, done: (error: Error | null) => void): void;
}

/**
 * Every pooled connection runs without PostgreSQL's JIT compiler: this is an OLTP service, and JIT only starts for
 * plans it estimates as expensive, where compiling took longer (about 0.7 s for the dashboards' rollup statement)
 * than the query itself.
 */
function withoutJit(connection: RawPgConnection, done: (error: Error | null, c: unknown) => void) {
  connection.query('set jit = off', (error) => done(error, connection));
}

/** `DATABASE_URL`'s sslmode for the driver (MikroORM drops the URL's query). */
function tlsOption(url: string): Pick<Options, 'driverOptions'> {
  const ssl = connectionTlsOf(url);
  return ssl === undefined ? {} : { driverOptions: { connection: { ssl } } };
}

/** The one MikroORM configuration used by the API, the worker, the CLI and the tests. */
export function buildMikroOrmOptions(input: MikroOrmOptionsInput): Options {
  const { database } = input;
  return defineConfig({
    clientUrl: database.url,
    ...tlsOption(database.url),
    entities: input.entities ?? [],
    discovery: { warnWhenNoEntities: false },
    pool: {
      min: database.poolMin,
      max: database.poolMax,
      idleTimeoutMillis: database.idleTimeoutMs,
      afterCreate: withoutJit,
    },
    debug: database.debug,
    logger: input.logger,
    forceUtcTimezone: true,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: input.migrationsFolder ?? join(process.cwd(), 'migrations'),
      migrationsList: input.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      // MikroORM's own migrator lines are coloured plain text; the app logs what it applied as one JSON line
      // (DatabaseModule) and the CLI prints it (`migrate up`).
      silent: true,
    },
  });
}
