import { Worker } from 'bullmq';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RELIEF_PARAMS, generateRelief } from '../src/jobs/relief';
import { redisOptionsOf } from '../src/redis/redis-connection';
import type { ExternalJobPayload } from '../src/tasks/queue-catalog';
import { seedCatalogue, tempDirectory, type TempDirectory } from './support/fixtures';
import { followPresigned, pathOf } from './support/presigned';
import { uploadImage } from './support/job-uploads';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('external GPU worker contract (played here by the BullMQ Node client)', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let worker: Worker;
  const auth = () => ({ 'x-api-key': t.adminKey });
  const delivered = new Map<string, Buffer>();

  beforeAll(async () => {
    storage = tempDirectory('jobs-external-');
    t = await createTestApp({ role: 'all', env: { STORAGE_LOCAL_DIR: storage.path } });
    await seedCatalogue(t);
    // What a Python worker would do with BullMQ's Python client, step for step.
    worker = new Worker(
      'jobs-external',
      async (job) => {
        const data = job.data as ExternalJobPayload;
        if (data.prompt === 'fail') throw new Error('GPU out of memory');
        const input = await followPresigned(t, 'GET', data.inputUrl ?? '');
        if (input.status !== 200) throw new Error(`input download answered ${input.status}`);
        await job.updateProgress(40);
        const { glb, preview } = await generateRelief(input.body, {
          ...DEFAULT_RELIEF_PARAMS,
          resolution: 16,
        });
        await t.http
          .put(pathOf(data.outputUploadUrl))
          .set('Content-Type', 'model/gltf-binary')
          .send(glb)
          .expect(200);
        await t.http
          .put(pathOf(data.previewUploadUrl))
          .set('Content-Type', 'image/png')
          .send(preview)
          .expect(200);
        delivered.set(data.jobId, glb);
        await job.updateProgress(90);
        return { outputKey: data.outputKey };
      },
      { connection: redisOptionsOf(t.config.redis), prefix: t.config.redis.keyPrefix },
    );
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    storage.remove();
  });

  const finished = (id: string) =>
    eventually(async () => {
      const job = (await t.http.get(`/api/v1/jobs/${id}`).set(auth())).body;
      return ['SUCCEEDED', 'FAILED'].includes(job.status) ? job : undefined;
    }, 30_000);

  it('follows an external job from QUEUED to SUCCEEDED with its uploaded output', async () => {
    const png = await sharp({
      create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 90, b: 40 } },
    })
      .png()
      .toBuffer();
    const ticket = await uploadImage(t, png);
    const job = (
      await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'sf3d-v1', input_params: { image_path: ticket.object_name } })
        .expect(201)
    ).body;

    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress_percent: 100 });
    expect(done.artifacts.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'INPUT',
      'OUTPUT',
      'PREVIEW',
    ]);
    const events = (await t.http.get(`/api/v1/jobs/${job.id}/events`).set(auth())).body;
    expect(
      events
        .filter((e: { type: string }) => e.type === 'status')
        .map((e: { payload: { status: string } }) => e.payload.status),
    ).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(
      events
        .filter((e: { type: string }) => e.type === 'progress')
        .map((e: { payload: { progress_percent: number } }) => e.payload.progress_percent),
    ).toEqual([40, 90]);

    const download = (await t.http.get(`/api/v1/jobs/${job.id}/download`).set(auth()).expect(200))
      .body;
    const file = await followPresigned(t, 'GET', download.download_url);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, delivered.get(job.id) as Buffer)).toBe(0);
  });

  it("marks the job FAILED with the worker's reason once its retries are spent", async () => {
    const job = (
      await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'dreamfusion-sd', prompt: 'fail' })
        .expect(201)
    ).body;
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'FAILED', error: 'GPU out of memory' });

    // Its failed task is not run again behind the job's back (the job would stay FAILED): a new run is a new job.
    const tasks = await t.http
      .get('/api/v1/tasks?queue=jobs-external&status=failed')
      .set(auth())
      .expect(200);
    const task = tasks.body.items.find(
      (item: { payload: { jobId?: string } }) => item.payload.jobId === job.id,
    );
    const retry = await t.http.post(`/api/v1/tasks/${task.id}/retry`).set(auth()).expect(409);
    expect(retry.body.message).toMatch(/create a new job/);
  });
});
