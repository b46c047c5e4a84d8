import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';

const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

// Each run boots the CLI process; on a busy machine that takes seconds.
describe('admin CLI (compiled, as operators run it)', { timeout: 300_000 }, () => {
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

  it('seeds the admin without demo data, --demo adds it, and a second seed changes nothing', async () => {
    const production = cli('seed');
    expect(production.code).toBe(0);
    expect(production.out).toContain('seed admin: 1 created, 0 updated');
    expect(production.out).not.toContain('seed demo');
    expect(await count('predictions')).toBe(0);
    // The dashboards demo seed adds a `demo` user (without a key); everything else stays as the admin seed left it.
    const rowsAfterFirst = [await count('users'), await count('api_keys')];
    const first = cli('seed', '--demo');
    expect(first.out).toContain('seed admin: 0 created, 0 updated');
    expect(first.out).toContain('seed demo: 300 created, 0 updated');
    expect(first.out).toContain('seed dashboards: 721 created, 0 updated');
    // The demo data adds two users without API keys: the dashboards' demo user and the tools' demo technician.
    const rowsAfterDemo = [await count('users'), await count('api_keys')];
    const second = cli('seed', 'admin');
    expect(second.out).toContain('seed admin: 0 created, 0 updated');
    expect(cli('seed', 'demo').out).toContain('seed demo: 0 created, 0 updated');
    expect(await count('predictions')).toBe(300);
    const judged = await count('predictions where real_result is not null');
    expect(judged).toBeGreaterThan(150);
    expect(judged).toBeLessThan(250);
    expect([await count('users'), await count('api_keys')]).toEqual(rowsAfterDemo);
    expect(cli('seed', 'dashboards').out).toContain('seed dashboards: 0 created, 0 updated');
    expect(rowsAfterFirst).toEqual([1, 1]);
    expect(rowsAfterDemo).toEqual([3, 1]);
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
    const unknownPrefix = cli('api-key', 'revoke', 'mlp_nonexist');
    expect(unknownPrefix.code).toBe(1);
    expect(unknownPrefix.err).toBe('error: no API key with id or prefix mlp_nonexist\n');
    expect(cli('api-key', 'create', '--user', 'nobody').code).toBe(1);
  });

  it('fails with one `error:` line and exit 1 on bad option values, unknown subcommands and unknown keys', () => {
    for (const days of ['-5', 'abc']) {
      const result = cli('api-key', 'create', '--user', 'root', '--expires-in-days', days);
      expect(result.code, days).toBe(1);
      expect(result.err, days).toBe(
        `error: --expires-in-days must be a whole number of days, at least 1 (got '${days}')\n`,
      );
    }
    for (const [group, word] of [
      ['migrate', 'down'],
      ['user', 'list'],
    ]) {
      const result = cli(group, word);
      expect(result.code, `${group} ${word}`).toBe(1);
      expect(result.err).toContain(`error: unknown command '${group} ${word}'`);
      expect(result.out).toBe('');
    }
    const noSuchKey = cli('api-key', 'revoke', 'does-not-exist');
    expect(noSuchKey.code).toBe(1);
    expect(noSuchKey.err).toMatch(/^error: no API key with id or prefix does-not-exist: give/);
    expect(noSuchKey.err).not.toMatch(/select|from|where/i);
    const noSuchId = cli('api-key', 'revoke', '0b9d8a2e-4f0e-4c43-9a0e-5a4f3f0c1d2e');
    expect(noSuchId.code).toBe(1);
    expect(noSuchId.err).toBe(
      'error: no API key with id or prefix 0b9d8a2e-4f0e-4c43-9a0e-5a4f3f0c1d2e\n',
    );
  });

  it('accepts exactly the users the API accepts (same DTO, same messages)', async () => {
    const users = await count('users');
    const badEmail = cli('user', 'create', '--username', 'mail1', '--email', 'not-an-email');
    expect(badEmail.code).toBe(1);
    expect(badEmail.err).toBe('error: Validation failed: email must be an email\n');
    const badName = cli('user', 'create', '--username', 'a b/c');
    expect(badName.code).toBe(1);
    expect(badName.err).toContain('username must be 3-64 letters, digits, dot, dash or underscore');
    const shortPassword = cli('user', 'create', '--username', 'pw1', '--password', 'short');
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.err).toContain('password must be longer than or equal to 8 characters');
    expect(await count('users')).toBe(users);
  });

  it('shows help without any configuration or database', () => {
    for (const command of [[], ['--help'], ['user', 'create', '--help'], ['help', 'migrate']]) {
      const result = spawnSync(process.execPath, [CLI, ...command], {
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
        timeout: 60_000,
      });
      const printed = result.stdout + result.stderr;
      expect(printed, command.join(' ')).toContain('Usage: cli');
      expect(printed, command.join(' ')).not.toContain('DATABASE_URL');
      if (command.length > 0) expect(result.status, command.join(' ')).toBe(0);
    }
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
