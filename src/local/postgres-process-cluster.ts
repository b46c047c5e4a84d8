import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { PgClient, PostgresCluster, PostgresClusterOptions } from './embedded-postgres-loader';
import { ensureReachableByOthers } from './local-directories';
import type { PostgresBinaries } from './postgres-binaries';

const run = promisify(execFile);
const READY = 'database system is ready to accept connections';
const STOP_TIMEOUT_MS = 10_000;

interface Account {
  uid: number;
  gid: number;
}

async function accountOf(name: string): Promise<Account | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: it then runs as a `postgres` account, created if missing. */
async function serverAccount(create: boolean, program: string): Promise<Account | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  // The programs too must be reachable by that account (node_modules may sit in /root or a 0700 folder).
  await ensureReachableByOthers(program);
  const existing = await accountOf('postgres');
  if (existing || !create) {
    if (existing) return existing;
    throw new Error(
      'PostgreSQL cannot run as root and there is no "postgres" account to run it as.',
    );
  }
  await run('groupadd', ['postgres']).catch(() => undefined);
  await run('useradd', ['-g', 'postgres', 'postgres']);
  const created = await accountOf('postgres');
  if (!created) throw new Error('Could not create the "postgres" account to run PostgreSQL as.');
  return created;
}

/** Settles once the child has exited or could not be spawned. */
const exitOf = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    child.once('exit', () => done());
    child.once('error', () => done());
  });

/**
 * Runs initdb and the postmaster from the `embedded-postgres` binaries as processes of their own: detached, in
 * their own process group, so that the Ctrl-C a terminal sends to the launcher's group does not reach them and
 * the launcher can stop them last, after the application has closed its connections.
 */
export class PostgresProcessCluster implements PostgresCluster {
  private server: { child: ChildProcess; exited: Promise<void> } | undefined;
  private readonly killOnExit = (): void => {
    this.server?.child.kill('SIGINT');
  };

  constructor(
    private readonly options: PostgresClusterOptions,
    private readonly binaries: PostgresBinaries,
  ) {}

  async initialise(): Promise<void> {
    const account = await serverAccount(this.options.createPostgresUser, this.binaries.initdb);
    await mkdir(this.options.databaseDir, { recursive: true, mode: 0o700 });
    if (account) await chown(this.options.databaseDir, account.uid, account.gid);
    const passwordFile = join(tmpdir(), `pg-password-${randomBytes(8).toString('hex')}`);
    await writeFile(passwordFile, `${this.options.password}\n`, { mode: 0o600 });
    if (account) await chown(passwordFile, account.uid, account.gid);
    try {
      const child = this.spawn(this.binaries.initdb, account, [
        `--pgdata=${this.options.databaseDir}`,
        `--auth=${this.options.authMethod}`,
        `--username=${this.options.user}`,
        `--pwfile=${passwordFile}`,
        ...this.options.initdbFlags,
      ]);
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) =>
          code === 0 ? resolve() : reject(new Error(`initdb exited (${signal ?? `code ${code}`})`)),
        );
      });
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  async start(): Promise<void> {
    if (this.server) throw new Error('PostgreSQL is already running.');
    const account = await serverAccount(this.options.createPostgresUser, this.binaries.postgres);
    const child = this.spawn(this.binaries.postgres, account, [
      ...['-D', this.options.databaseDir, '-p', String(this.options.port)],
      ...this.options.postgresFlags,
    ]);
    const exited = exitOf(child);
    this.server = { child, exited };
    process.on('exit', this.killOnExit);
    void exited.then(() => {
      if (this.server?.child === child) this.forget();
    });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4096);
        if (seen.includes(READY)) resolve();
      });
      child.once('error', reject);
      void exited.then(() => reject(new Error('PostgreSQL exited while starting')));
    });
  }

  /** Fast shutdown (SIGINT); after STOP_TIMEOUT_MS an immediate one (SIGQUIT), then SIGKILL. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
      server.child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const gone = await Promise.race([
        server.exited.then(() => true),
        new Promise<boolean>((done) => (timer = setTimeout(() => done(false), STOP_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      if (gone) break;
    }
    this.forget();
  }

  getPgClient(database = 'postgres', host = 'localhost'): PgClient {
    const { user, password, port } = this.options;
    const client = new Client({ user, password, port, host, database });
    client.on('error', (error) => this.options.onError(error));
    return client;
  }

  private forget(): void {
    this.server = undefined;
    process.removeListener('exit', this.killOnExit);
  }

  private spawn(program: string, account: Account | undefined, args: string[]): ChildProcess {
    const options: SpawnOptions = {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // English messages: start() waits for one of them.
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(account ?? {}),
    };
    const child = spawn(program, args, options);
    const forward = (chunk: Buffer): void => this.options.onLog(chunk.toString());
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', (error) => this.options.onError(error));
    return child;
  }
}
