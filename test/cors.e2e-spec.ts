import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import {
  createTestApp,
  createTestDatabase,
  dropTestDatabase,
  type TestApp,
} from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';

const LAUNCHER = join(__dirname, '..', 'dist', 'src', 'start-local.js');
const LOCAL_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://localhost:49152'];
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'http://localhost.evil.example:5173',
  'http://127.0.0.1.nip.io:8080',
];

interface CorsAnswer {
  status: number;
  allowOrigin: string | null;
  allowCredentials: string | null;
}

/** A browser's preflight for a POST with an API key, and a simple GET, both from `origin`. */
async function fromOrigin(base: string, origin: string): Promise<[CorsAnswer, CorsAnswer]> {
  const answer = (res: Response): CorsAnswer => ({
    status: res.status,
    allowOrigin: res.headers.get('access-control-allow-origin'),
    allowCredentials: res.headers.get('access-control-allow-credentials'),
  });
  const preflight = await fetch(`${base}/api/v1/users/me`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-api-key,content-type',
    },
  });
  const get = await fetch(`${base}/health/live`, { headers: { origin } });
  return [answer(preflight), answer(get)];
}

const allowedFor = (origin: string): CorsAnswer[] => [
  { status: 204, allowOrigin: origin, allowCredentials: 'true' },
  { status: 200, allowOrigin: origin, allowCredentials: 'true' },
];

describe('CORS in production: the allow-list only', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        STORAGE_SIGNING_SECRET: 'x'.repeat(32),
        BACKEND_CORS_ORIGINS: 'https://app.example.com',
      },
    });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a listed origin with CORS headers and credentials, preflight and GET', async () => {
    expect(await fromOrigin(base, 'https://app.example.com')).toEqual(
      allowedFor('https://app.example.com'),
    );
  });

  it('gives localhost and every other unlisted origin no CORS headers', async () => {
    for (const origin of [...LOCAL_ORIGINS, ...FOREIGN_ORIGINS]) {
      const [preflight, get] = await fromOrigin(base, origin);
      expect(preflight.allowOrigin, origin).toBeNull();
      expect(get).toEqual({ status: 200, allowOrigin: null, allowCredentials: null });
    }
  });
});

describe('CORS under npm start: any localhost / 127.0.0.1 port as well', () => {
  let db: { name: string; url: string; prefix: string };
  let workdir: string;
  let launcher: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    workdir = mkdtempSync(join(tmpdir(), 'mlp-cors-'));
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    // `npm start`'s launcher on existing servers (no embedded ones needed for this), with no CORS settings.
    launcher = spawn(process.execPath, [LAUNCHER], {
      cwd: workdir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        DB_MIGRATE_ON_START: 'true',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: db.prefix,
      },
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops')) resolve();
      };
      launcher.stdout?.on('data', onData);
      launcher.stderr?.on('data', onData);
      launcher.once('exit', (code) => reject(new Error(`launcher exited (${code}):\n${output}`)));
    });
  }, 180_000);
  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      const exited = new Promise((resolve) => launcher.once('exit', resolve));
      launcher.kill('SIGTERM');
      await exited;
    }
    rmSync(workdir, { recursive: true, force: true });
    await dropTestDatabase(db.name, db.prefix);
  });

  it('answers http://localhost:<any port> and http://127.0.0.1:<any port>, preflight and GET', async () => {
    for (const origin of LOCAL_ORIGINS)
      expect(await fromOrigin(base, origin), origin).toEqual(allowedFor(origin));
  });

  it('still gives foreign origins, look-alikes included, no CORS headers', async () => {
    for (const origin of FOREIGN_ORIGINS) {
      const [preflight, get] = await fromOrigin(base, origin);
      expect(preflight.allowOrigin, origin).toBeNull();
      expect(get.allowOrigin, origin).toBeNull();
    }
  });
});
