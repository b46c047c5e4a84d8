import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  loadEmbeddedPostgres,
  PostgresCluster,
  PostgresClusterFactory,
} from './embedded-postgres-loader';
import {
  EMBEDDED_DATABASE,
  EmbeddedPostgresState,
  embeddedPostgresStateFile,
  embeddedPostgresUrl,
} from './embedded-postgres-state';
import { JsonStateFile } from './json-state-file';
import { findFreePort, isPortFree, LOOPBACK_HOST } from './free-port';
import { createSharedDirectory, displayPath, ensureReachableByOthers } from './local-directories';
import { LocalServerStartError } from './local-server.errors';
import { OutputTail } from './output-tail';
import { settlePreviousServer } from './previous-server-guard';

export interface EmbeddedPostgresServerOptions {
  /** Folder owning the cluster: `data/` (PGDATA) and `embedded-postgres.json` live in it. */
  baseDir: string;
  /** Application database created on first start. Default `ml_platform`. */
  database?: string;
  /** Fixed port. Default: the port used last time if still free, else any free loopback port. */
  port?: number;
  /** Receives this launcher's short status lines. Default `console.log`. */
  logger?: (line: string) => void;
  /** Receives PostgreSQL's own output lines (initdb, server log). Default: kept for error messages only. */
  serverLog?: (line: string) => void;
  /** Wait this long for "ready to accept connections". Default 60 s. */
  startTimeoutMs?: number;
  /** Test seam; default loads the `embedded-postgres` package. */
  createCluster?: PostgresClusterFactory;
}

export interface EmbeddedPostgresConnection {
  databaseUrl: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

const USER = 'postgres';
const STOP_TIMEOUT_MS = 30_000;

/**
 * Runs a PostgreSQL cluster from the `embedded-postgres` binaries on loopback, keeping its data
 * (and the generated password) between runs, so a fresh checkout needs no database server.
 */
export class EmbeddedPostgresServer {
  private readonly database: string;
  private readonly baseDir: string;
  private readonly dataDir: string;
  private readonly state: JsonStateFile<EmbeddedPostgresState>;
  private readonly log: (line: string) => void;
  private readonly output = new OutputTail();
  private cluster: PostgresCluster | undefined;

  constructor(private readonly options: EmbeddedPostgresServerOptions) {
    this.database = options.database ?? EMBEDDED_DATABASE;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.database)) {
      throw new Error(`Invalid database name "${this.database}".`);
    }
    this.baseDir = resolve(options.baseDir);
    this.dataDir = join(this.baseDir, 'data');
    this.state = embeddedPostgresStateFile(this.baseDir);
    this.log = options.logger ?? console.log;
  }

  async start(): Promise<EmbeddedPostgresConnection> {
    if (this.cluster) throw new Error('The embedded PostgreSQL is already started.');
    const runningAsRoot = process.getuid?.() === 0;
    await this.prepareBaseDir(runningAsRoot);
    const initialised = await this.isInitialised();
    const remembered = await this.state.read();
    if (initialised && !remembered) {
      throw new Error(
        `${this.dataDir} holds a PostgreSQL cluster but ${this.state.path} (its password) is missing; ` +
          `delete ${this.baseDir} to start over with an empty database.`,
      );
    }
    await this.clearPreviousRun(remembered);

    const password = remembered?.password ?? randomBytes(18).toString('hex');
    const port = await this.choosePort(remembered?.port);
    await this.state.write({ password, port, launcherPid: process.pid });

    const cluster = await this.newCluster(port, password, runningAsRoot);
    if (!initialised) {
      this.log(`initialising embedded PostgreSQL cluster in ${displayPath(this.dataDir)}`);
      await this.run(() => cluster.initialise(), 'initdb failed');
    }
    await this.run(() => this.startWithin(cluster), 'PostgreSQL did not start');
    this.cluster = cluster;
    try {
      await this.ensureDatabase(cluster);
    } catch (error) {
      await this.stop();
      throw error;
    }
    const version = (await readFile(join(this.dataDir, 'PG_VERSION'), 'utf8')).trim();
    this.log(
      `embedded PostgreSQL ${version} listening on ${LOOPBACK_HOST}:${port} ` +
        `(data: ${displayPath(this.baseDir)})`,
    );
    return {
      databaseUrl: embeddedPostgresUrl({ password, port }, this.database),
      host: LOOPBACK_HOST,
      port,
      database: this.database,
      user: USER,
      password,
    };
  }

  /** Fast shutdown (SIGINT): open sessions are ended, data stays on disk. */
  async stop(): Promise<void> {
    const cluster = this.cluster;
    if (!cluster) return;
    this.cluster = undefined;
    await cluster.stop();
    this.log('embedded PostgreSQL stopped');
  }

  private async prepareBaseDir(runningAsRoot: boolean): Promise<void> {
    if (!runningAsRoot) {
      await mkdir(this.baseDir, { recursive: true });
      return;
    }
    // The server then runs as the unprivileged `postgres` user, which must reach the data folder.
    await createSharedDirectory(this.baseDir);
    await ensureReachableByOthers(this.baseDir);
  }

  private async newCluster(
    port: number,
    password: string,
    runningAsRoot: boolean,
  ): Promise<PostgresCluster> {
    const create = this.options.createCluster ?? (await loadEmbeddedPostgres());
    return create({
      databaseDir: this.dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // UTF-8 everywhere, with PostgreSQL's own C.UTF-8 locale so no OS locale is needed.
      initdbFlags: [
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      // TCP on loopback only; no Unix socket, so nothing is written outside the data folder.
      postgresFlags: ['-c', `listen_addresses=${LOOPBACK_HOST}`, '-c', 'unix_socket_directories='],
      // PostgreSQL refuses to run as root: the package then runs it as a `postgres` user.
      createPostgresUser: runningAsRoot,
      onLog: (message) => this.serverOutput(message),
      onError: (error) => this.serverOutput(String(error)),
    });
  }

  private async isInitialised(): Promise<boolean> {
    try {
      await readFile(join(this.dataDir, 'PG_VERSION'), 'utf8');
      return true;
    } catch {
      const leftovers = await readdir(this.dataDir).catch(() => []);
      if (leftovers.length > 0) {
        throw new Error(
          `${this.dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); ` +
            'remove it to let the embedded PostgreSQL create one.',
        );
      }
      return false;
    }
  }

  private async clearPreviousRun(remembered: EmbeddedPostgresState | undefined): Promise<void> {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    const pidText = await readFile(pidFile, 'utf8').catch(() => undefined);
    if (pidText === undefined) return;
    const outcome = await settlePreviousServer(
      {
        label: 'PostgreSQL',
        directory: displayPath(this.dataDir),
        serverPid: Number.parseInt(pidText.split('\n')[0] ?? '', 10) || undefined,
        launcherPid: remembered?.launcherPid,
        commandMarker: 'postgres',
        stopSignal: 'SIGINT',
      },
      STOP_TIMEOUT_MS,
    );
    if (outcome === 'stopped-orphan') {
      this.log('stopped a PostgreSQL server left running by an earlier, crashed launcher');
    }
    // A clean shutdown removes the file; whatever is left now is stale.
    await rm(pidFile, { force: true });
  }

  private async choosePort(previousPort: number | undefined): Promise<number> {
    const { port } = this.options;
    if (port !== undefined) {
      if (!(await isPortFree(port))) {
        throw new Error(
          `Port ${port} on ${LOOPBACK_HOST} is taken; choose another for PostgreSQL.`,
        );
      }
      return port;
    }
    if (previousPort !== undefined && (await isPortFree(previousPort))) return previousPort;
    return findFreePort();
  }

  private async startWithin(cluster: PostgresCluster): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const starting = cluster.start();
    // The race below reports a failure; this keeps a late rejection from going unhandled.
    starting.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`not ready within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await Promise.race([starting, timeout]);
    } catch (error) {
      // Only a server that is still running can be stopped; one that exited already is gone.
      if (timedOut) await cluster.stop().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async ensureDatabase(cluster: PostgresCluster): Promise<void> {
    const client = cluster.getPgClient('postgres', LOOPBACK_HOST);
    await client.connect();
    try {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.database,
      ]);
      if (existing.rows.length === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.database)}`);
        this.log(`created database ${this.database}`);
      }
    } finally {
      await client.end();
    }
  }

  private async run(step: () => Promise<void>, failure: string): Promise<void> {
    try {
      await step();
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message.split('\n')[0]}` : '';
      throw new LocalServerStartError(`${failure}${reason}`, this.output.text());
    }
  }

  private serverOutput(message: string): void {
    this.output.push(message.endsWith('\n') ? message : `${message}\n`);
    if (this.options.serverLog) {
      for (const line of message.split(/\r?\n/))
        if (line.trim() !== '') this.options.serverLog(line);
    }
  }
}
