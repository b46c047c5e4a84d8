import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableChangeFeed } from '../src/platform/table-changes/table-change-feed';
import { newUserWithKey } from './support/fixtures';
import { createTestApp, eventually, type TestApp } from './support/test-app';

interface Page {
  items: { id: string; knr: string; realResult: number | null }[];
  total: number | null;
}

/** A prediction row written by plain SQL, as another replica, the CLI or an operator would. */
const insertSql = (knr: string) => `
  insert into predictions (id, created_at, updated_at, knr, date, feature1, feature2, feature3,
                           prediction_result, probability, model_version)
  values (gen_random_uuid(), now(), now(), '${knr}', now(), 72, 4.5, -1.5, 1, 0.9, '1.0.0')`;

describe('list pages kept in memory until their table changes (GET /api/v1/predictions)', () => {
  let t: TestApp;
  let key: string;
  let db: Client;
  const list = async (query = 'limit=100'): Promise<Page> =>
    (await t.http.get(`/api/v1/predictions?${query}`).set({ 'x-api-key': key }).expect(200)).body;
  const knrs = (page: Page) => page.items.map((item) => item.knr).sort();
  /** Runs `work` with the change trigger off: its writes are not announced by PostgreSQL. */
  const unannounced = async (work: () => Promise<unknown>) => {
    await db.query('alter table predictions disable trigger predictions_notify_change');
    try {
      await work();
    } finally {
      await db.query('alter table predictions enable trigger predictions_notify_change');
    }
  };
  /** Plain SQL nobody announces: only a kept page can hide it. */
  const silently = (sql: string) => unannounced(() => db.query(sql));
  const listening = () =>
    eventually(async () => (t.app.get(TableChangeFeed).stamp(['predictions']) ? true : undefined));

  beforeAll(async () => {
    t = await createTestApp();
    key = (await newUserWithKey(t, 'operator')).key;
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await t.http
      .post('/api/v1/predictions/mock?num_records=3')
      .set({ 'x-api-key': key })
      .expect(201);
    await listening();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('answers a repeated query from memory (an unannounced write stays unseen)', async () => {
    const first = await list();
    await silently(insertSql('SILENT-1'));
    expect(await list()).toEqual(first);
    // Another query was never kept: it reads the table.
    expect(knrs(await list('limit=50'))).toContain('SILENT-1');
  });

  it("shows the caller's own writes through the API at once: create, update, delete", async () => {
    // Without NOTIFY, so only this process's own record of its flushes can show them.
    await unannounced(async () => {
      for (let round = 0; round < 5; round++) {
        await list();
        const created = (
          await t.http
            .post('/api/v1/predictions')
            .set({ 'x-api-key': key })
            .send({ knr: `OWN-${round}`, feature1: 72, feature2: 4.5, feature3: -1.5 })
            .expect(201)
        ).body as { id: string };
        expect(knrs(await list())).toContain(`OWN-${round}`);
        await t.http
          .put(`/api/v1/predictions/${created.id}`)
          .set({ 'x-api-key': key })
          .send({ realResult: 1 })
          .expect(200);
        expect((await list()).items.find((item) => item.id === created.id)?.realResult).toBe(1);
        await t.http
          .delete(`/api/v1/predictions/${created.id}`)
          .set({ 'x-api-key': key })
          .expect(204);
        expect(knrs(await list())).not.toContain(`OWN-${round}`);
      }
    });
  });

  it('hears writes made outside this process (plain SQL, another replica) through NOTIFY', async () => {
    const before = await list();
    await db.query(insertSql('OUTSIDE-1'));
    const after = await eventually(
      async () => {
        const page = await list();
        return knrs(page).includes('OUTSIDE-1') ? page : undefined;
      },
      5000,
      20,
    );
    expect(after.total).toBe((before.total ?? 0) + 1);
    await db.query(`update predictions set real_result = 0 where knr = 'OUTSIDE-1'`);
    await eventually(
      async () => {
        const row = (await list()).items.find((item) => item.knr === 'OUTSIDE-1');
        return row?.realResult === 0 ? true : undefined;
      },
      5000,
      20,
    );
    await db.query(`delete from predictions where knr = 'OUTSIDE-1'`);
    await eventually(
      async () => (knrs(await list()).includes('OUTSIDE-1') ? undefined : true),
      5000,
      20,
    );
  });

  it('bypasses the kept pages while the LISTEN connection is lost, and keeps them again once it is back', async () => {
    await list();
    await db.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and query ilike 'listen %'`,
    );
    await silently(insertSql('WHILE-LOST'));
    // Not served from a kept page: the lost connection is noticed and the table is read.
    await eventually(
      async () => (knrs(await list()).includes('WHILE-LOST') ? true : undefined),
      5000,
      20,
    );
    await listening();
    const kept = await list();
    await silently(insertSql('AFTER-RECONNECT'));
    expect(await list()).toEqual(kept);
  });
});

describe('TABLE_CACHE_SECONDS=0', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { TABLE_CACHE_SECONDS: '0' } });
    key = (await newUserWithKey(t, 'operator')).key;
  });
  afterAll(() => t.close());

  it('reads the table on every request', async () => {
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const get = async () =>
        (await t.http.get('/api/v1/predictions').set({ 'x-api-key': key }).expect(200))
          .body as Page;
      expect((await get()).total).toBe(0);
      await db.query('alter table predictions disable trigger predictions_notify_change');
      await db.query(insertSql('NO-CACHE'));
      expect((await get()).total).toBe(1);
    } finally {
      await db.end();
    }
  });
});
