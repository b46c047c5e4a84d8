import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable, pathDirectories } from './executable-locator';
import { LocalRedisServer, LocalRedisServerOptions } from './local-redis-server';
import { LocalServerStartError, RedisServerNotFoundError } from './local-server.errors';
import { isProcessAlive } from './process-probe';

async function withRedis<T>(redisUrl: string, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    return await work(client);
  } finally {
    client.disconnect();
  }
}

/** Writes an executable shell script named `redis-server` into `dir`. */
async function fakeRedisServer(dir: string, script: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'redis-server'), `#!/bin/sh\n${script}\n`);
  await chmod(join(dir, 'redis-server'), 0o755);
}

describe('LocalRedisServer', () => {
  let root: string;
  let realBinaryDir: string;
  const lines: string[] = [];
  const server = (options: Partial<LocalRedisServerOptions> = {}): LocalRedisServer =>
    new LocalRedisServer({
      dataDir: join(root, 'redis'),
      searchDirs: [realBinaryDir],
      logger: (line) => lines.push(line),
      ...options,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-redis-'));
    const binary = await findExecutable('redis-server', pathDirectories());
    if (!binary) throw new Error('these tests need a redis-server on PATH');
    realBinaryDir = dirname(binary);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves on a loopback port and keeps data across a restart', async () => {
    const first = server();
    const { redisUrl, port } = await first.start();
    expect(redisUrl).toBe(`redis://127.0.0.1:${port}`);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^redis-server \\d+\\.\\d+\\.\\d+ listening on 127\\.0\\.0\\.1:${port} \\(data: `),
    );
    await withRedis(redisUrl, (client) => client.set('greeting', 'survives restarts'));
    await first.stop();
    await expect(withRedis(redisUrl, (client) => client.ping())).rejects.toThrow();

    const second = server();
    const again = await second.start();
    try {
      expect(await withRedis(again.redisUrl, (client) => client.get('greeting'))).toBe(
        'survives restarts',
      );
    } finally {
      await second.stop();
    }
  });

  it('stops a redis-server left running by a launcher that died', async () => {
    const stateFile = join(root, 'redis', 'local-redis.json');
    const crashed = server();
    const { redisUrl } = await crashed.start();
    const serverPid = await withRedis(redisUrl, async (client) => {
      const info = await client.info('server');
      return Number(/^process_id:(\d+)/m.exec(info)?.[1]);
    });
    // Pretend the launcher that wrote the state file is gone (pid 0x7ffffffe does not exist).
    await writeFile(stateFile, JSON.stringify({ serverPid, launcherPid: 2147483646 }));

    const next = server();
    await next.start();
    try {
      expect(isProcessAlive(serverPid)).toBe(false);
      expect(lines).toContain(
        'stopped a redis-server left running by an earlier, crashed launcher',
      );
    } finally {
      await next.stop();
      await crashed.stop();
    }
  });

  it('explains how to install Redis when no redis-server is found', async () => {
    const missing = server({ searchDirs: [] });
    const failure = missing.start();
    await expect(failure).rejects.toBeInstanceOf(RedisServerNotFoundError);
    await expect(failure).rejects.toThrow('apt-get install redis-server');
    await expect(failure).rejects.toThrow('brew install redis');
    await expect(failure).rejects.toThrow('docker run -d -p 127.0.0.1:6379:6379 redis');
    await expect(failure).rejects.toThrow('REDIS_URL');
  });

  it('ignores a redis-server file that is not executable', async () => {
    const dir = join(root, 'not-executable');
    await fakeRedisServer(dir, 'exit 0');
    await chmod(join(dir, 'redis-server'), 0o644);
    await expect(server({ searchDirs: [dir] }).start()).rejects.toBeInstanceOf(
      RedisServerNotFoundError,
    );
  });

  it('reports the last output lines of a redis-server that exits at start', async () => {
    const dir = join(root, 'broken');
    await fakeRedisServer(dir, 'echo "FATAL CONFIG FILE ERROR (fake)"\nexit 1');
    const failure = server({ searchDirs: [dir], dataDir: join(root, 'broken-data') }).start();
    await expect(failure).rejects.toBeInstanceOf(LocalServerStartError);
    await expect(failure).rejects.toThrow('the process exited before answering PING');
    await expect(failure).rejects.toThrow('FATAL CONFIG FILE ERROR (fake)');
  });

  it('gives up on a redis-server that never answers, and stops it', async () => {
    const dir = join(root, 'silent');
    await fakeRedisServer(dir, 'echo "$$" > "$0.pid"\nexec sleep 30');
    const silent = server({
      searchDirs: [dir],
      dataDir: join(root, 'silent-data'),
      startTimeoutMs: 300,
    });
    await expect(silent.start()).rejects.toThrow(/no PONG within 300 ms/);
    const pid = Number(await readFile(join(dir, 'redis-server.pid'), 'utf8'));
    expect(isProcessAlive(pid)).toBe(false);
  });
});
