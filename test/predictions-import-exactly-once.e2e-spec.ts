import type { Job } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictionImportService } from '../src/predictions/import/prediction-import.service';
import { ObjectStorage } from '../src/storage/object-storage';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * A job can run twice: BullMQ hands a job whose lock was lost (Redis down while it committed, a stalled worker)
 * to a worker again, and a client may retry a task. The import must write its rows once whatever happens.
 * The app runs without a worker; the test plays the worker by calling the import as the processor does.
 */
describe('predictions CSV import runs exactly once per task', () => {
  let t: TestApp;
  let storageDir: string;
  let db: Client;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'import-once-'));
    t = await createTestApp({ role: 'api', env: { STORAGE_LOCAL_DIR: storageDir } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const csv = (prefix: string, rows: number): string =>
    [
      'knr,feature1,feature2,feature3',
      ...Array.from({ length: rows }, (_, i) => `${prefix}-${i},70,4,0`),
    ].join('\n');

  /** Uploads a file through the API (task queued, no worker) and returns the job a worker would receive. */
  const queuedImport = async (prefix: string, rows: number) => {
    const task = (
      await t.http
        .post('/api/v1/predictions/import')
        .set({ 'x-api-key': t.adminKey })
        .attach('file', Buffer.from(csv(prefix, rows)), `${prefix}.csv`)
        .expect(202)
    ).body;
    const payload = (await db.query('select payload from tasks where id = $1', [task.id])).rows[0]
      .payload as { storageKey: string; filename: string };
    const job = { id: task.id, data: payload, updateProgress: () => Promise.resolve() };
    return { job: job as unknown as Job<typeof payload>, storageKey: payload.storageKey };
  };
  const countOf = async (prefix: string): Promise<number> =>
    Number(
      (await db.query('select count(*) from predictions where knr like $1', [`${prefix}-%`]))
        .rows[0].count,
    );
  const importer = () => t.app.get(PredictionImportService);

  it('writes the rows once when two runs of the same task overlap', async () => {
    const { job, storageKey } = await queuedImport('TWICE', 5000);
    const [first, second] = await Promise.all([importer().run(job), importer().run(job)]);
    const expected = { imported: 5000, rows: 5000, modelVersion: '1.0.0' };
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(await countOf('TWICE')).toBe(5000);
    expect(await t.app.get(ObjectStorage).head(storageKey)).toBeNull();
  });

  it('answers a re-run after completion with the recorded result, although the input is gone', async () => {
    const { job, storageKey } = await queuedImport('AGAIN', 300);
    const result = await importer().run(job);
    expect(await t.app.get(ObjectStorage).head(storageKey)).toBeNull();
    await expect(importer().run(job)).resolves.toEqual(result);
    expect(await countOf('AGAIN')).toBe(300);
  });

  it('records no completion for an import that failed, so a retry imports the corrected work', async () => {
    const { job } = await queuedImport('FAILS', 10);
    const storage = t.app.get(ObjectStorage);
    await storage.put(job.data.storageKey, Buffer.from(`${csv('FAILS', 3)}\nFAILS-3,70,99,0`), {
      contentType: 'text/csv',
    });
    await expect(importer().run(job)).rejects.toThrow(/line 5: column feature2/);
    expect(await countOf('FAILS')).toBe(0);
    await storage.put(job.data.storageKey, Buffer.from(csv('FAILS', 4)), {
      contentType: 'text/csv',
    });
    await expect(importer().run(job)).resolves.toMatchObject({ imported: 4 });
    expect(await countOf('FAILS')).toBe(4);
  });
});
