import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';

const LAUNCHER = join(__dirname, '..', 'dist', 'src', 'start-local.js');

interface Launch {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** Runs `npm start`'s compiled launcher in `cwd` with no DATABASE_URL and no REDIS_URL, as on a fresh machine. */
function launch(cwd: string, port: number): Launch {
  let output = '';
  const child = spawn(process.execPath, [LAUNCHER], {
    cwd,
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

const portIsOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });

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
});
