import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStatus } from '../src/jobs/entities/job-status';
import { JobJournal } from '../src/jobs/job-journal';
import { SeedRunner } from '../src/seeding/seed-runner';
import { uploadImage } from './support/job-uploads';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

/**
 * Reproduces a worker crash seen in a fault trial: a 3D job failing for good while PostgreSQL was unreachable
 * made the failed-job handler's database write reject, unhandled, and Node exited with the job open for ever.
 * Here the job's database writes fail with a connection error for a while; vitest fails the file on any
 * unhandled rejection, and the job and its task must both end FAILED once writes work again.
 */
describe('a worker whose database writes fail while a job fails', () => {
  let t: TestApp;
  let dir: string;
  const auth = () => ({ 'x-api-key': t.adminKey });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lifecycle-worker-'));
    t = await createTestApp({
      role: 'all',
      env: { STORAGE_LOCAL_DIR: dir, TASK_WRITE_RETRY_MAX_MS: '200' },
    });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('catalog'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps running and records FAILED in the job and its task once the database answers', async () => {
    const journal = t.app.get(JobJournal);
    const original = journal.status.bind(journal);
    let refused = 0;
    journal.status = (job, status, extra) => {
      if (status === JobStatus.Failed && refused < 3) {
        refused++;
        const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
        });
        return Promise.reject(down);
      }
      return original(job, status, extra);
    };
    try {
      // Not an image: relief-v1 fails it for good at once.
      const ticket = await uploadImage(t, Buffer.from('definitely not a PNG'));
      const created = await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'relief-v1', input_params: { image_path: ticket.object_name } })
        .expect(201);
      const job = await eventually(async () => {
        const res = await t.http.get(`/api/v1/jobs/${created.body.id}`).set(auth());
        return res.body.status === 'FAILED' ? res.body : undefined;
      });
      expect(refused).toBe(3);
      expect(job.error).toMatch(/not a usable image/);
      const tasks = (await t.http.get('/api/v1/tasks?queue=jobs-builtin').set(auth())).body.items;
      const task = tasks.find(
        (item: { payload: { jobId: string } }) => item.payload.jobId === created.body.id,
      );
      expect(task).toMatchObject({ status: 'failed', attempts: 1 });
      expect(task.error).toMatch(/not a usable image/);
    } finally {
      journal.status = original;
    }
  });
});
