import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresServer, findFreePort } from '../../../src/local';
import {
  loadEmbeddedPostgres,
  type PostgresCluster,
  type PostgresClusterFactory,
} from '../../../src/local/embedded-postgres-loader';
import { isProcessAlive, waitForProcessExit } from '../../../src/local/process-probe';

const RESTART_TIMEOUT_MS = 30_000;

/**
 * A PostgreSQL cluster owned by one test file: the project's embedded-postgres launcher on a free loopback
 * port, data in a temporary folder. The test may stop it (fast shutdown), SIGKILL its postmaster and start it
 * again on the same port with the same data. Never the shared server on 5432.
 */
export class OwnedPostgres {
  /** The package's cluster object, reused by every start so that its exit hook never waits on a dead child. */
  private cluster: PostgresCluster | undefined;
  private server: EmbeddedPostgresServer | undefined;
  private readonly serverLog: string[] = [];

  private constructor(
    private readonly baseDir: string,
    readonly port: number,
    private url = '',
  ) {}

  static async start(): Promise<OwnedPostgres> {
    const baseDir = await mkdtemp(join(tmpdir(), 'fault-postgres-'));
    const owned = new OwnedPostgres(baseDir, await findFreePort());
    await owned.launch();
    return owned;
  }

  /** postgresql:// URL of the application database (stable across restarts). */
  get databaseUrl(): string {
    return this.url;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Fast shutdown (SIGINT to the postmaster): sessions are ended, data stays on disk. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  /** SIGKILL to the postmaster, as a crash would; its backends notice and exit, the data folder needs recovery. */
  async kill(): Promise<void> {
    const pid = await this.postmasterPid();
    this.server = undefined;
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    if (!(await waitForProcessExit(pid, 10_000)))
      throw new Error(`postmaster ${pid} survived SIGKILL`);
  }

  /** Starts the cluster again on the same port with the same data; retried while the old one's backends end. */
  async restart(): Promise<void> {
    if (this.server) return;
    const deadline = Date.now() + RESTART_TIMEOUT_MS;
    for (;;) {
      try {
        await this.launch();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Runs one statement on the application database with its own short-lived connection. */
  async query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** Stops the server whatever state the test left it in, and removes its data. */
  async dispose(): Promise<void> {
    const pid = await this.postmasterPid();
    if (!this.server && pid !== undefined && isProcessAlive(pid)) await this.kill();
    // A cluster object whose child was killed waits forever in stop(); one more start settles it.
    if (!this.server && this.cluster) await this.restart().catch(() => undefined);
    await this.stop().catch(() => undefined);
    await rm(this.baseDir, { recursive: true, force: true });
  }

  /** The server's own recent output, for failure messages. */
  output(): string {
    return this.serverLog.slice(-40).join('\n');
  }

  private async launch(): Promise<void> {
    const server = new EmbeddedPostgresServer({
      baseDir: this.baseDir,
      database: 'fault',
      port: this.port,
      logger: () => undefined,
      serverLog: (line) => this.serverLog.push(line),
      createCluster: await this.reusedCluster(),
    });
    this.url = (await server.start()).databaseUrl;
    this.server = server;
  }

  private async reusedCluster(): Promise<PostgresClusterFactory> {
    const create = await loadEmbeddedPostgres();
    return (options) => (this.cluster ??= create(options));
  }

  private async postmasterPid(): Promise<number | undefined> {
    const text = await readFile(join(this.baseDir, 'data', 'postmaster.pid'), 'utf8').catch(
      () => undefined,
    );
    const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }
}
