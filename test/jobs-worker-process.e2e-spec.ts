import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobUpdates } from '../src/jobs/job-updates';
import { SeedRunner } from '../src/seeding/seed-runner';
import { uploadImage } from './support/job-uploads';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

/** A large, busy image, so that decoding and meshing it keeps the worker busy long enough to be killed. */
const largeImage = (): Promise<Buffer> => {
  const w = 2400;
  const h = 1800;
  const pixels = Buffer.alloc(w * h * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
  return sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
};

describe('relief jobs run by separate worker processes: cancel while running, worker killed mid-job', () => {
  let t: TestApp;
  let dir: string;
  const workers: WorkerProcess[] = [];
  const auth = () => ({ 'x-api-key': t.adminKey });

  /** Starts a worker process; `ready()` tells when it answers its readiness probe. */
  const spawnWorker = async (extra: Record<string, string> = {}) => {
    const worker = await spawnWorkerProcess({ ...t.variables, ...extra });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobs-crash-storage-'));
    t = await createTestApp({
      role: 'api',
      env: {
        STORAGE_LOCAL_DIR: dir,
        // A dead worker's lock runs out after a second; live workers look for such jobs every 300 ms.
        QUEUE_LOCK_DURATION_MS: '1000',
        QUEUE_STALLED_INTERVAL_MS: '300',
      },
    });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('catalog'));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Uploads a large image and creates a relief job from it; no worker is running yet. */
  const createJob = async (): Promise<string> => {
    const ticket = await uploadImage(t, await largeImage(), { filename: 'large.png' });
    const created = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({
        model_id: 'relief-v1',
        input_params: { image_path: ticket.object_name, resolution: 256, smoothing: 4 },
      })
      .expect(201);
    return created.body.id as string;
  };

  /** Starts a worker for the job and calls `whenRunning` (once) as soon as the job is RUNNING. */
  const startWorkerAndWhenRunning = async (
    jobId: string,
    whenRunning: (worker: WorkerProcess) => void,
  ): Promise<WorkerProcess> => {
    let onRunning = (): void => undefined;
    const running = new Promise<void>((resolve) => (onRunning = resolve));
    const unsubscribe = await t.app.get(JobUpdates).subscribe(jobId, (update) => {
      if (update.status === 'RUNNING') onRunning();
    });
    const worker = await spawnWorker();
    await running;
    whenRunning(worker);
    await unsubscribe();
    return worker;
  };

  /** Creates a job and SIGKILLs the worker that runs it as soon as it is RUNNING. */
  const createJobAndKillItsWorker = async (): Promise<string> => {
    const jobId = await createJob();
    const doomed = await startWorkerAndWhenRunning(jobId, (worker) => worker.child.kill('SIGKILL'));
    expect(await doomed.exited).toBe('SIGKILL');
    const stuck = (await t.http.get(`/api/v1/jobs/${jobId}`).set(auth()).expect(200)).body;
    expect(stuck.status, 'the worker must die while the job runs').toBe('RUNNING');
    expect(stuck.progress_percent).toBeLessThan(100);
    return jobId;
  };

  const taskOf = (jobId: string, status: string) =>
    eventually(async () => {
      const page = (await t.http.get('/api/v1/tasks?queue=jobs-builtin').set(auth())).body;
      const record = page.items?.find(
        (item: { payload: { jobId?: string } }) => item.payload.jobId === jobId,
      );
      return record?.status === status ? record : undefined;
    });

  const settled = (jobId: string) =>
    eventually(async () => {
      const job = (await t.http.get(`/api/v1/jobs/${jobId}`).set(auth())).body;
      return job.status === 'RUNNING' || job.status === 'QUEUED' ? undefined : job;
    }, 45_000);

  const statusEvents = async (jobId: string): Promise<string[]> => {
    const events = (await t.http.get(`/api/v1/jobs/${jobId}/events`).set(auth()).expect(200)).body;
    return events
      .filter((e: { type: string }) => e.type === 'status')
      .map((e: { payload: { status: string } }) => e.payload.status);
  };

  it('stops a RUNNING job between steps when it is canceled, and keeps it CANCELED', async () => {
    const jobId = await createJob();
    let cancel: Promise<{ status: number; body: { status: string } }> | undefined;
    await startWorkerAndWhenRunning(jobId, () => {
      cancel = t.http
        .post(`/api/v1/jobs/${jobId}/cancel`)
        .set(auth())
        .then((r) => r);
    });
    const canceled = await cancel;
    expect(canceled?.status).toBe(200);
    expect(canceled?.body.status).toBe('CANCELED');

    // The task is canceled too; the worker notices at its next step and stops without producing the outputs,
    // and its job's completion later does not move the task.
    expect((await taskOf(jobId, 'canceled')).finishedAt).not.toBeNull();
    await eventually(async () => {
      const counts = (await t.http.get('/api/v1/queues').set(auth())).body.find(
        (q: { name: string }) => q.name === 'jobs-builtin',
      ).counts;
      return counts.active === 0 && counts.completed === 1 ? counts : undefined;
    });
    expect((await taskOf(jobId, 'canceled')).result).toBeNull();
    const job = (await t.http.get(`/api/v1/jobs/${jobId}`).set(auth()).expect(200)).body;
    expect(job.status).toBe('CANCELED');
    expect(job.progress_percent).toBeLessThan(100);
    expect(job.artifacts.map((a: { kind: string }) => a.kind)).toEqual(['INPUT']);
    expect(await statusEvents(jobId)).toEqual(['QUEUED', 'RUNNING', 'CANCELED']);
    await t.http.post(`/api/v1/jobs/${jobId}/cancel`).set(auth()).expect(409);
  });

  it('another worker takes the job up again once its lock has run out, and it succeeds', async () => {
    const jobId = await createJobAndKillItsWorker();
    await (await spawnWorker()).ready();

    const job = await settled(jobId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', progress_percent: 100, error: null });
    expect(job.artifacts.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'INPUT',
      'OUTPUT',
      'PREVIEW',
    ]);
    expect(await statusEvents(jobId)).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
  });

  it('fails the job with a readable reason when it has stalled more often than allowed', async () => {
    const jobId = await createJobAndKillItsWorker();
    await (await spawnWorker({ QUEUE_MAX_STALLED_COUNT: '0' })).ready();

    const job = await settled(jobId);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/worker running this job stopped/i);
    // The second worker takes the job (its task starts again, so does the job) and fails it at once.
    expect(await statusEvents(jobId)).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'FAILED']);

    expect((await taskOf(jobId, 'failed')).error).toMatch(/stalled/);
  });
});
