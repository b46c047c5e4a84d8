export { EmbeddedPostgresServer } from './embedded-postgres-server';
export type {
  EmbeddedPostgresConnection,
  EmbeddedPostgresServerOptions,
} from './embedded-postgres-server';
export { findFreePort, isPortFree, LOOPBACK_HOST } from './free-port';
export { LocalRedisServer } from './local-redis-server';
export type { LocalRedisConnection, LocalRedisServerOptions } from './local-redis-server';
export {
  DataDirectoryInUseError,
  LocalServerStartError,
  RedisServerNotFoundError,
} from './local-server.errors';
export { useRunningLocalServers } from './running-local-servers';
export { checkServicesReachable, ServiceUnreachableError } from './service-preflight';
