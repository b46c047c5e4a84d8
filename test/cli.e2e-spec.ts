import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';

const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

describe('admin CLI (compiled, as operators run it)', () => {
  let db: { name: string; url: string; prefix: string };
  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: db.prefix,
    FIRST_SUPERUSER_USERNAME: 'root',
    FIRST_SUPERUSER_PASSWORD: 'root-password-1',
    FIRST_SUPERUSER_API_KEY: 'mlp_cli_test_key_0123456789abcdef',
  });
  const cliWith = (extraEnv: Record<string, string>, ...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { ...env(), ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  const cli = (...args: string[]) => cliWith({}, ...args);
  const count = async (table: string): Promise<number> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query(`select count(*) from ${table}`)).rows[0].count);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    if (!existsSync(CLI))
      throw new Error('dist/src/cli.js is missing: run `npm run build` (npm test does it first)');
    db = await createTestDatabase();
  });
  afterAll(() => dropTestDatabase(db.name, db.prefix));

  it('migrates, reports status, and is idempotent', () => {
    expect(cli('migrate', 'status').out).toMatch(/0 executed, [1-9]\d* pending/);
    const up = cli('migrate', 'up');
    expect(up.code).toBe(0);
    expect(up.out).toContain('applied: Migration');
    expect(cli('migrate', 'up').out).toContain('nothing to apply');
    expect(cli('migrate', 'status').out).toMatch(/[1-9]\d* executed, 0 pending/);
  });

  it('seeds the admin, and a second seed changes nothing', async () => {
    const first = cli('seed');
    expect(first.code).toBe(0);
    expect(first.out).toContain('seed admin: 1 created, 0 updated');
    const rowsAfterFirst = [await count('users'), await count('api_keys')];
    expect(first.out).toContain('seed demo: 300 created, 0 updated');
    const second = cli('seed', 'admin');
    expect(second.out).toContain('seed admin: 0 created, 0 updated');
    expect(cli('seed', 'demo').out).toContain('seed demo: 0 created, 0 updated');
    expect(await count('predictions')).toBe(300);
    const judged = await count('predictions where real_result is not null');
    expect(judged).toBeGreaterThan(150);
    expect(judged).toBeLessThan(250);
    expect([await count('users'), await count('api_keys')]).toEqual(rowsAfterFirst);
    expect(rowsAfterFirst).toEqual([1, 1]);
  });

  it('updates the admin when its configured password changes, once', () => {
    const changed = { FIRST_SUPERUSER_PASSWORD: 'a-new-root-password' };
    expect(cliWith(changed, 'seed', 'admin').out).toContain('seed admin: 0 created, 1 updated');
    expect(cliWith(changed, 'seed', 'admin').out).toContain('seed admin: 0 created, 0 updated');
  });

  it('creates users and API keys, revokes keys, and fails clearly', async () => {
    const user = cli(
      'user',
      'create',
      '--username',
      'tech1',
      '--role',
      'operator',
      '--email',
      'tech1@example.com',
    );
    expect(user.code).toBe(0);
    expect(user.out).toContain('created user tech1 (operator)');

    const duplicate = cli('user', 'create', '--username', 'tech1');
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('error: A user with this username already exists');

    const badRole = cli('user', 'create', '--username', 'x1', '--role', 'king');
    expect(badRole.code).toBe(1);
    expect(badRole.err).toContain('role must be one of admin, operator, viewer');

    const key = cli('api-key', 'create', '--user', 'tech1', '--name', 'bench');
    expect(key.code).toBe(0);
    const [, plain] = key.out.trim().split('\n');
    expect(plain).toMatch(/^mlp_[A-Za-z0-9_-]{40}$/);
    const revoke = cli('api-key', 'revoke', plain.slice(0, 12));
    expect(revoke.code).toBe(0);
    expect(revoke.out).toContain('revoked API key');
    expect(cli('api-key', 'revoke', 'mlp_nonexist').err).toContain('not found');
    expect(cli('api-key', 'create', '--user', 'nobody').code).toBe(1);
  });

  it('has help on every command and refuses a bad configuration with one message', () => {
    for (const command of [
      ['seed'],
      ['migrate'],
      ['user', 'create'],
      ['api-key', 'create'],
      ['api-key', 'revoke'],
    ]) {
      const help = cli(...command, '--help');
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.out, command.join(' ')).toContain('Usage:');
    }
    const result = spawnSync(process.execPath, [CLI, 'migrate', 'status'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: 'mysql://x', PORT: 'abc' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration (2 problems)');
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(result.stderr).toContain('PORT');
  });
});
