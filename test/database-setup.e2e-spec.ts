import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

describe('database set-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('agree: after every migration the schema diff `migrate create` would write is empty', async () => {
    const diff = await t.app
      .get(MikroORM)
      .getSchemaGenerator()
      .getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(diff.trim()).toBe('');
  });

  it('runs pooled connections without JIT compilation (OLTP: compiling cost more than the rollup queries)', async () => {
    const connection = t.app.get(MikroORM).em.getConnection();
    // Several at once, so that more than one pooled connection answers.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        connection.execute<{ jit: string }[]>(
          `select current_setting('jit') as jit, pg_sleep(0.05)::text as slept`,
        ),
      ),
    );
    expect(answers.map(([row]) => row.jit)).toEqual(['off', 'off', 'off', 'off']);
  });
});
