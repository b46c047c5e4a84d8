import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type TestApp } from './support/test-app';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

// The import used to hold about 1.3 kB of heap per row (1.7 GB for 1.31 M rows): 150,000 rows needed ~200 MB
// more than the worker's own use, twice this heap. Streaming keeps it at one batch whatever the row count.
const HEAP_MB = 96;
const ROWS = 150_000;

/** The shortest rows the format allows (8 bytes each); `bad` puts an invalid row at a line. */
const bigCsv = (bad?: { line: number; row: string }): Buffer => {
  const lines = ['knr,feature1,feature2,feature3'];
  for (let i = 0; i < ROWS; i++) lines.push(`${i % 10},7,4,0`);
  if (bad) lines[bad.line - 1] = bad.row;
  return Buffer.from(lines.join('\n'));
};

/**
 * The import's memory must not grow with the file: a worker process with a 96 MB heap imports 150,000 rows,
 * and an invalid row near the end still leaves nothing written.
 */
describe('predictions CSV import with a small worker heap', () => {
  let t: TestApp;
  let storageDir: string;
  let worker: WorkerProcess;
  let db: Client;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'import-memory-'));
    t = await createTestApp({ role: 'api', env: { STORAGE_LOCAL_DIR: storageDir } });
    worker = await spawnWorkerProcess({
      ...t.variables,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    });
    await worker.ready();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const runImport = async (file: Buffer, name: string) => {
    expect(file.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    const accepted = await t.http
      .post('/api/v1/predictions/import')
      .set({ 'x-api-key': t.adminKey })
      .attach('file', file, name)
      .expect(202);
    return eventually(
      async () => {
        if (worker.child.exitCode !== null || worker.child.signalCode !== null)
          throw new Error(`the worker died:\n${worker.output().slice(-1500)}`);
        const task = (
          await t.http.get(`/api/v1/tasks/${accepted.body.id}`).set({ 'x-api-key': t.adminKey })
        ).body;
        return ['succeeded', 'failed'].includes(task.status) ? task : undefined;
      },
      280_000,
      500,
    );
  };
  const rowCount = async (): Promise<number> =>
    Number((await db.query('select count(*) from predictions')).rows[0].count);

  it('imports 150,000 rows without running out of heap', { timeout: 300_000 }, async () => {
    const task = await runImport(bigCsv(), 'big.csv');
    expect(task).toMatchObject({
      status: 'succeeded',
      result: { imported: ROWS, rows: ROWS },
    });
    expect(await rowCount()).toBe(ROWS);
    expect(worker.child.exitCode).toBeNull();
  });

  it(
    'writes nothing when a row near the end is invalid, and names it',
    { timeout: 300_000 },
    async () => {
      const before = await rowCount();
      const task = await runImport(
        bigCsv({ line: 140_000, row: '5,7,4,-100000-01-01T00:00:00Z' }),
        'bad.csv',
      );
      expect(task.status).toBe('failed');
      expect(task.attempts).toBe(1);
      expect(task.error).toBe(
        '1 problem(s) in bad.csv; nothing was imported; first: line 140000: column feature3: feature3 must be a number conforming to the specified constraints',
      );
      expect(await rowCount()).toBe(before);
      expect(worker.child.exitCode).toBeNull();
    },
  );
});
