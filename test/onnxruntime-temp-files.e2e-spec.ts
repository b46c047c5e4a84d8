import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  testEnvironmentVariables,
} from './support/test-app';
import { spawnWorkerProcess } from './support/worker-process';

describe('ONNX Runtime leaves nothing in the temp directory', () => {
  let db: { name: string; url: string; prefix: string };
  let temp: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    temp = mkdtempSync(join(tmpdir(), 'mlp-ort-temp-'));
  });
  afterAll(async () => {
    rmSync(temp, { recursive: true, force: true });
    await dropTestDatabase(db.name, db.prefix);
  });

  it('boots a process that loads the models without writing mat-debug-<pid>.log (telemetry off)', async () => {
    const worker = await spawnWorkerProcess({
      ...testEnvironmentVariables(db.url, db.prefix, { LOG_LEVEL: 'info' }),
      TMPDIR: temp,
    });
    try {
      await worker.ready();
      // Log lines are written in blocks; the telemetry SDK writes its files shortly after the first session.
      await eventually(async () => (worker.output().includes('loaded model') ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(readdirSync(temp).filter((name) => name.startsWith('mat-debug-'))).toEqual([]);
      expect(readdirSync(temp)).not.toContain('.ses');
    } finally {
      await worker.stop();
    }
  }, 90_000);
});
