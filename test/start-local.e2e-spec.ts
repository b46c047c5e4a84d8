import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from './support/test-services';

const LAUNCHER = join(__dirname, '..', 'dist', 'src', 'start-local.js');
const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

interface Launch {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Runs `npm start`'s compiled launcher in `cwd` with no DATABASE_URL and no REDIS_URL, as on a fresh machine.
 * `asTerminal`: the launcher leads a process group of its own, as a shell's foreground job does, so that a test can
 * signal the whole group the way Ctrl-C in a terminal does.
 */
function launch(cwd: string, port: number, asTerminal = false): Launch {
  let output = '';
  const child = spawn(process.execPath, [LAUNCHER], {
    cwd,
    detached: asTerminal,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`launcher exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, ready, exited };
}

/** Runs the launcher until it ends by itself (a failed start), with `env` added to a fresh machine's. */
function runUntilExit(
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [LAUNCHER], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

const portIsOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until none of `pids` runs any more; returns the ones still alive after `ms`. */
async function stillAliveAfter(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pids of the postmaster and the redis-server a launcher in `workdir` runs. */
function serverPids(workdir: string): { postgres: number; redis: number } {
  const local = join(workdir, 'var', 'local');
  const postmaster = readFileSync(join(local, 'postgres', 'data', 'postmaster.pid'), 'utf8');
  const redis = JSON.parse(readFileSync(join(local, 'redis', 'local-redis.json'), 'utf8'));
  return { postgres: Number(postmaster.split('\n')[0]), redis: Number(redis.serverPid) };
}

describe('npm start (zero infrastructure)', () => {
  let workdir: string;
  let port: number;

  beforeAll(async () => {
    if (!existsSync(LAUNCHER))
      throw new Error('dist/src/start-local.js is missing: run `npm run build`');
    workdir = mkdtempSync(join(tmpdir(), 'mlp-start-'));
    chmodSync(workdir, 0o755); // embedded PostgreSQL runs as another user when started by root
    port = await findFreePort();
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it('starts PostgreSQL, Redis, API and worker, stops them on Ctrl-C, and reuses the data next time', async () => {
    const first = launch(workdir, port);
    await first.ready;
    expect(first.output()).toContain('seed admin: 1 created');
    expect(first.output()).toContain(`Swagger UI     http://localhost:${port}/docs`);

    const keyFile = join(workdir, 'var', 'local', 'admin-api-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/users/me`, {
      headers: { 'x-api-key': key },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'admin', role: 'admin' });
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    const redisPort = Number(
      /redis-server \S+ listening on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1],
    );
    const postgresPort = Number(
      /PostgreSQL \d+ listening on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1],
    );

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(await portIsOpen(port)).toBe(false);
    expect(await portIsOpen(redisPort)).toBe(false);
    expect(await portIsOpen(postgresPort)).toBe(false);

    const second = launch(workdir, port);
    await second.ready;
    expect(second.output()).not.toContain('initialising');
    expect(second.output()).toContain('seed admin: 0 created, 0 updated');
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/users/me`, {
      headers: { 'x-api-key': key },
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('stops everything within 5 s when Ctrl-C signals the whole process group; the CLI finds the servers meanwhile', async () => {
    const started = launch(workdir, port, true);
    await started.ready;
    const { postgres, redis } = serverPids(workdir);
    expect(isAlive(postgres) && isAlive(redis)).toBe(true);

    const cli = spawnSync(process.execPath, [CLI, 'migrate', 'status'], {
      cwd: workdir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.stderr).toContain('using the embedded PostgreSQL and the local redis-server');
    expect(cli.stdout).toMatch(/[1-9]\d* executed, 0 pending/);
    expect(cli.status).toBe(0);

    const signalled = Date.now();
    process.kill(-(started.child.pid ?? 0), 'SIGINT');
    const code = await Promise.race([
      started.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 5_000)),
    ]);
    expect(code).toBe(0);
    expect(await stillAliveAfter([postgres, redis], 5_000 - (Date.now() - signalled))).toEqual([]);
    expect(started.output()).not.toMatch(/^\s+at /m);
    expect(started.output()).not.toContain('ECONNREFUSED');
    expect(await portIsOpen(port)).toBe(false);
  }, 180_000);

  it('exits at once on a second Ctrl-C, and the servers still stop', async () => {
    const started = launch(workdir, port, true);
    await started.ready;
    const { postgres, redis } = serverPids(workdir);
    process.kill(-(started.child.pid ?? 0), 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(-(started.child.pid ?? 0), 'SIGINT');
    const code = await Promise.race([
      started.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 5_000)),
    ]);
    expect(code).toBe(130);
    expect(started.output()).toContain('SIGINT again: exiting now');
    expect(await stillAliveAfter([postgres, redis], 5_000)).toEqual([]);
  }, 180_000);

  it('says which server it cannot reach and where, in one line without a stack trace', async () => {
    const closed = await findFreePort();
    const postgres = await runUntilExit(workdir, {
      PORT: String(port),
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closed}/app`,
      REDIS_URL: TEST_REDIS_URL,
    });
    expect(postgres.code).toBe(1);
    expect(postgres.output).toContain(
      `Start-up failed: Cannot reach PostgreSQL at 127.0.0.1:${closed} (DATABASE_URL): `,
    );
    expect(postgres.output).not.toMatch(/^\s+at /m);

    const redis = await runUntilExit(workdir, {
      PORT: String(port),
      DATABASE_URL: TEST_POSTGRES_URL,
      REDIS_URL: `redis://127.0.0.1:${closed}`,
    });
    expect(redis.code).toBe(1);
    expect(redis.output).toContain(`Start-up failed: Cannot reach Redis at 127.0.0.1:${closed}`);
    expect(redis.output).not.toMatch(/^\s+at /m);
  }, 120_000);

  // PostgreSQL refuses to run as root; the embedded one then runs as the "postgres" user.
  it.runIf(process.getuid?.() === 0)(
    'as root in a folder others cannot enter, stops with what to do instead of a spawn error',
    async () => {
      const private700 = mkdtempSync(join(tmpdir(), 'mlp-start-private-'));
      try {
        const result = await runUntilExit(private700, { PORT: String(port) });
        expect(result.code).toBe(1);
        expect(result.output).toContain(`cannot enter ${private700} (mode 700)`);
        expect(result.output).toContain(`chmod o+x ${private700}`);
        expect(result.output).toContain('set DATABASE_URL');
        expect(result.output).not.toMatch(/^\s+at /m);
        expect(result.output).not.toContain('EACCES');
      } finally {
        rmSync(private700, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
