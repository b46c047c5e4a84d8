import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresServer } from './embedded-postgres-server';
import { DataDirectoryInUseError } from './local-server.errors';

interface SqlClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

// `pg` ships without typings here; a variable specifier keeps TypeScript from looking for them.
const PG_MODULE: string = 'pg';

async function connect(databaseUrl: string): Promise<SqlClient> {
  const loaded = (await import(PG_MODULE)) as {
    default?: { Client: new (config: { connectionString: string }) => SqlClient };
  };
  const client = new loaded.default!.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

async function withClient<T>(databaseUrl: string, work: (client: SqlClient) => Promise<T>) {
  const client = await connect(databaseUrl);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A pid that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const finished = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(finished.stdout.toString());
}

const unrelated: ChildProcess[] = [];

/**
 * A live process that is not PostgreSQL, as when the OS hands a crashed server's pid to another
 * program. It runs under the server's account (`postgres` when we are root), since PostgreSQL
 * itself only trusts a lock file whose pid it is allowed to signal.
 */
function unrelatedProcess(): ChildProcess {
  const account =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
          gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
        }
      : {};
  const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], account);
  unrelated.push(child);
  return child;
}

describe('EmbeddedPostgresServer', () => {
  let root: string;
  let baseDir: string;
  const lines: string[] = [];
  const server = (): EmbeddedPostgresServer =>
    new EmbeddedPostgresServer({ baseDir, logger: (line) => lines.push(line) });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'embedded-pg-'));
    // mkdtemp makes a private (0700) folder; the server's own account must be able to enter it.
    await chmod(root, 0o755);
    baseDir = join(root, 'postgres');
  });

  afterAll(async () => {
    for (const child of unrelated) child.kill();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the cluster and the application database, and keeps data across restarts', async () => {
    const first = server();
    const connection = await first.start();
    expect(connection.databaseUrl).toMatch(
      /^postgresql:\/\/postgres:[0-9a-f]{36}@127\.0\.0\.1:\d+\/ml_platform$/,
    );
    expect(lines.some((line) => line.startsWith('initialising embedded PostgreSQL'))).toBe(true);
    expect(lines).toContain(
      `embedded PostgreSQL 18 listening on 127.0.0.1:${connection.port} (data: ${baseDir})`,
    );
    await withClient(connection.databaseUrl, async (client) => {
      await client.query('CREATE TABLE notes (body text NOT NULL)');
      await client.query('INSERT INTO notes (body) VALUES ($1)', ['kept across restarts ✓']);
    });
    await first.stop();
    await expect(connect(connection.databaseUrl)).rejects.toThrow();

    lines.length = 0;
    const second = server();
    const again = await second.start();
    try {
      expect(lines.some((line) => line.startsWith('initialising'))).toBe(false);
      expect(again.password).toBe(connection.password);
      expect(again.port).toBe(connection.port);
      const rows = await withClient(again.databaseUrl, async (client) => {
        const result = await client.query('SELECT body FROM notes');
        return result.rows;
      });
      expect(rows).toEqual([{ body: 'kept across restarts ✓' }]);
    } finally {
      await second.stop();
    }
    // initdb plus two starts: seconds on a busy machine.
  }, 60_000);

  it('remembers the password in a state file only its owner can read', async () => {
    const stateText = await readFile(join(baseDir, 'embedded-postgres.json'), 'utf8');
    const state = JSON.parse(stateText) as { password: string; port: number };
    expect(state.password).toMatch(/^[0-9a-f]{36}$/);
    expect((await stat(join(baseDir, 'embedded-postgres.json'))).mode & 0o077).toBe(0);
  });

  it.each([
    ['no longer runs', () => deadPid()],
    ['now belongs to another program', () => unrelatedProcess().pid],
  ])('starts despite a postmaster.pid whose pid %s', async (_case, pidOf) => {
    const pidFile = join(baseDir, 'data', 'postmaster.pid');
    await writeFile(pidFile, `${pidOf()}\n${join(baseDir, 'data')}\n`);
    const restarted = server();
    const connection = await restarted.start();
    try {
      const rows = await withClient(connection.databaseUrl, async (client) => {
        const result = await client.query('SELECT count(*)::int AS n FROM notes');
        return result.rows;
      });
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await restarted.stop();
    }
  });

  it('refuses a data directory that a running launcher is using', async () => {
    const owner = server();
    await owner.start();
    try {
      await expect(server().start()).rejects.toBeInstanceOf(DataDirectoryInUseError);
    } finally {
      await owner.stop();
    }
  });

  it('fails with a clear message when the configured port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const busy = new EmbeddedPostgresServer({ baseDir, port, logger: () => undefined });
      await expect(busy.start()).rejects.toThrow(`Port ${port} on 127.0.0.1 is taken`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects a database name that is not a plain identifier', () => {
    expect(() => new EmbeddedPostgresServer({ baseDir, database: 'x; DROP' })).toThrow(
      'Invalid database name',
    );
  });
});
