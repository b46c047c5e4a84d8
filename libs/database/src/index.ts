export { BaseEntity } from './base.entity';
export { SSL_MODES, connectionTlsOf, type ConnectionTls } from './connection-tls';
export {
  buildMikroOrmOptions,
  type DatabaseSettings,
  type MikroOrmOptionsInput,
} from './mikro-orm.options';
export { isUuid, newId, timestampOfUuidV7 } from './uuid';
export { DatabaseMigrations, type MigrationState } from './database-migrations';
export { DatabaseModule, type DatabaseModuleOptions } from './database.module';
