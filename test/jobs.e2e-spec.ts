import { Redis } from 'ioredis';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobStatus } from '../src/jobs/entities/job-status';
import { Job } from '../src/jobs/entities/job.entity';
import { JobJournal } from '../src/jobs/job-journal';
import { verifyWebhook } from '../src/jobs/webhooks/webhook-signature';
import {
  newUserWithKey,
  seedCatalogue,
  tempDirectory,
  type TempDirectory,
} from './support/fixtures';
import { discImage } from './support/images';
import { uploadImage } from './support/job-uploads';
import { readEventStream } from './support/sse';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789';

describe('generative 3D jobs: streams, webhooks, validation, cancel, ownership (API and worker in one process)', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let otherKey: string;
  const auth = (key = t.adminKey) => ({ 'x-api-key': key });

  beforeAll(async () => {
    storage = tempDirectory('jobs-storage-');
    t = await createTestApp({
      role: 'all',
      env: {
        STORAGE_LOCAL_DIR: storage.path,
        WEBHOOK_SECRET: WEBHOOK_SECRET,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', // the test's receiver listens on 127.0.0.1
      },
    });
    await seedCatalogue(t);
    otherKey = (await newUserWithKey(t, 'operator')).key;
  });
  afterAll(async () => {
    await t.close();
    storage.remove();
  });

  const upload = async (key = t.adminKey) => {
    const ticket = await uploadImage(t, await discImage(), { apiKey: key, filename: 'disc.png' });
    expect(ticket).toMatchObject({
      object_name: expect.stringMatching(/^uploads\/.+\/disc\.png$/),
      expires_in: 3600,
    });
    return ticket.object_name;
  };

  /** An external (sf3d-v1) job, of the other user unless told: it stays QUEUED, no worker takes it here. */
  const createExternalJob = async (key = otherKey) => {
    const imagePath = await upload(key);
    return (
      await t.http
        .post('/api/v1/jobs')
        .set(auth(key))
        .send({ model_id: 'sf3d-v1', input_params: { image_path: imagePath } })
        .expect(201)
    ).body;
  };

  it('lists the catalogue with defaults and parameter schemas', async () => {
    const models = (await t.http.get('/api/v1/models').set(auth()).expect(200)).body;
    expect(models.map((m: { id: string }) => m.id)).toEqual([
      'dreamfusion-sd',
      'relief-v1',
      'sf3d-v1',
    ]);
    expect(models.find((m: { id: string }) => m.id === 'relief-v1')).toMatchObject({
      kind: 'image-to-3d',
      runner: 'builtin',
      default_params: { resolution: 128, depth: 0.1 },
    });
  });

  it('streams a job as server-sent events from snapshot to its end', async () => {
    const imagePath = await upload();
    const job = (
      await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'relief-v1', input_params: { image_path: imagePath, resolution: 24 } })
        .expect(201)
    ).body;
    const res = await readEventStream(t.http.get(`/api/v1/jobs/${job.id}/stream`).set(auth()));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = res.events as { event: string; data: { progress_percent: number } }[];
    expect(events[0].event).toBe('snapshot');
    expect(events.at(-1)).toMatchObject({
      event: 'status',
      data: { status: 'SUCCEEDED', progress_percent: 100 },
    });
    expect(events.some((e) => e.event === 'progress')).toBe(true);
    const percents = events
      .filter((e) => e.event === 'progress')
      .map((e) => e.data.progress_percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const ended = await t.http.get(`/api/v1/jobs/${job.id}/stream`).set(auth()).expect(200);
    expect(ended.text.match(/^event: /gm)).toHaveLength(1);
    await t.http
      .get('/api/v1/jobs/01939a8e-0000-7000-8000-000000000000/stream')
      .set(auth())
      .expect(404);
    await t.http.get(`/api/v1/jobs/${job.id}/stream`).set(auth(otherKey)).expect(403);
  });

  it('pushes a change made elsewhere to an open stream, through Redis', async () => {
    const job = await createExternalJob();
    const streamed = t.http
      .get(`/api/v1/jobs/${job.id}/stream`)
      .set(auth(otherKey))
      .then((r) => r.text);
    const redis = new Redis(t.config.redis.url);
    await eventually(async () => {
      const [, subscribers] = (await redis.pubsub(
        'NUMSUB',
        `${t.config.redis.keyPrefix}:job-updates:${job.id}`,
      )) as [string, number];
      return subscribers > 0 ? true : undefined;
    });
    redis.disconnect();
    await t.http.post(`/api/v1/jobs/${job.id}/cancel`).set(auth(otherKey)).expect(200);
    const text = await streamed;
    expect(text).toMatch(/^event: snapshot\ndata: \{[^\n]*"status":"QUEUED"/);
    expect(text).toMatch(/event: status\ndata: \{[^\n]*"status":"CANCELED"[^\n]*\}\n\n$/);
  });

  it('calls the webhook when the job ends, signed, retrying a failed delivery', async () => {
    const received: { status: number; body: string; headers: IncomingHttpHeaders }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const status = received.length === 0 ? 500 : 204;
        received.push({ status, body, headers: req.headers });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    try {
      const imagePath = await upload();
      const job = (
        await t.http
          .post('/api/v1/jobs')
          .set(auth())
          .send({
            model_id: 'relief-v1',
            input_params: { image_path: imagePath, resolution: 16 },
            webhook_url: `http://127.0.0.1:${port}/hook`,
          })
          .expect(201)
      ).body;
      await eventually(
        async () => (received.some((r) => r.status === 204) ? true : undefined),
        30_000,
      );
      const delivered = received.find((r) => r.status === 204)!;
      const timestamp = String(delivered.headers['x-webhook-timestamp']);
      expect(
        verifyWebhook(
          WEBHOOK_SECRET,
          timestamp,
          delivered.body,
          String(delivered.headers['x-webhook-signature']),
        ),
      ).toBe(true);
      expect(
        verifyWebhook(
          'another-secret-0123456789-0123456789',
          timestamp,
          delivered.body,
          String(delivered.headers['x-webhook-signature']),
        ),
      ).toBe(false);
      expect(JSON.parse(delivered.body)).toMatchObject({
        id: job.id,
        status: 'SUCCEEDED',
        model_id: 'relief-v1',
      });
      const events = await eventually(async () => {
        const list = (await t.http.get(`/api/v1/jobs/${job.id}/events`).set(auth())).body;
        const hooks = list.filter((e: { type: string }) => e.type === 'webhook');
        return hooks.length >= 2 ? hooks : undefined;
      });
      expect(
        events.map((e: { payload: { attempt: number; status: number } }) => [
          e.payload.attempt,
          e.payload.status,
        ]),
      ).toEqual([
        [1, 500],
        [2, 204],
      ]);
    } finally {
      receiver.close();
    }
    const bad = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({ model_id: 'dreamfusion-sd', prompt: 'x', webhook_url: 'ftp://example.com/x' })
      .expect(400);
    expect(bad.body.message).toContain('webhook_url must be an http(s) URL');
  });

  it('refuses bad requests with the right status, naming the problem', async () => {
    const imagePath = await upload();
    await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({ model_id: 'nope-v9', input_params: {} })
      .expect(404);
    const badParam = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({ model_id: 'relief-v1', input_params: { image_path: imagePath, resolution: 5000 } })
      .expect(422);
    expect(badParam.body.message).toContain('resolution');
    const unknownParam = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({ model_id: 'relief-v1', input_params: { image_path: imagePath, colour: 'red' } })
      .expect(422);
    expect(unknownParam.body.message).toContain('unknown parameter colour');
    const noPrompt = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({ model_id: 'dreamfusion-sd' })
      .expect(422);
    expect(noPrompt.body.message).toContain('prompt is required');
    const notUploaded = await t.http
      .post('/api/v1/jobs')
      .set(auth())
      .send({
        model_id: 'relief-v1',
        input_params: { image_path: imagePath.replace('disc.png', 'other.png') },
      })
      .expect(422);
    expect(notUploaded.body.message).toContain('Nothing has been uploaded');
    const notMine = await t.http
      .post('/api/v1/jobs')
      .set(auth(otherKey))
      .send({ model_id: 'relief-v1', input_params: { image_path: imagePath } })
      .expect(422);
    expect(notMine.body.message).toContain('one of your upload tickets');
    await t.http
      .post('/api/v1/jobs/upload-ticket')
      .set(auth())
      .send({ filename: 'x.gif', content_type: 'image/gif' })
      .expect(400);
    await t.http.get('/api/v1/jobs/not-a-uuid').set(auth()).expect(400);
    await t.http.get('/api/v1/jobs/01939a8e-0000-7000-8000-000000000000').set(auth()).expect(404);
  });

  it('keeps external jobs queued for their worker, lets owners cancel them, and hides them from others', async () => {
    const job = await createExternalJob();
    const queues = (await t.http.get('/api/v1/queues').set(auth())).body;
    expect(queues.find((q: { name: string }) => q.name === 'jobs-external')).toMatchObject({
      runBy: 'external',
      counts: { waiting: 1 },
    });

    await t.http.get(`/api/v1/jobs/${job.id}`).set(auth(otherKey)).expect(200);
    const admin = (await t.http.get(`/api/v1/jobs?model_id=sf3d-v1&status=QUEUED`).set(auth()))
      .body;
    expect(admin.total).toBe(1);
    const own = (await t.http.get('/api/v1/jobs').set(auth(otherKey))).body;
    expect(own.items.map((j: { id: string }) => j.id)).toContain(job.id);
    await t.http.get(`/api/v1/jobs/${job.id}/download`).set(auth(otherKey)).expect(400);

    const canceled = await t.http
      .post(`/api/v1/jobs/${job.id}/cancel`)
      .set(auth(otherKey))
      .expect(200);
    expect(canceled.body.status).toBe('CANCELED');
    const tasks = (await t.http.get('/api/v1/tasks?queue=jobs-external').set(auth())).body.items;
    const task = tasks.find(
      (item: { payload: { jobId: string } }) => item.payload.jobId === job.id,
    );
    expect(task.status).toBe('canceled'); // the platform's record ends with the job
    await t.http.post(`/api/v1/jobs/${job.id}/cancel`).set(auth(otherKey)).expect(409);
    const after = (await t.http.get('/api/v1/queues').set(auth())).body;
    expect(after.find((q: { name: string }) => q.name === 'jobs-external').counts.waiting).toBe(0);
  });

  it('never moves a job that has ended, even from a copy loaded before it ended', async () => {
    const created = await createExternalJob();
    await inRequestContext(t.app, async () => {
      const stale = await t.app.get(EntityManager).findOneOrFail(Job, { id: created.id });
      await t.http.post(`/api/v1/jobs/${created.id}/cancel`).set(auth(otherKey)).expect(200);
      expect(await t.app.get(JobJournal).status(stale, JobStatus.Succeeded)).toBe(false);
    });
    const job = (await t.http.get(`/api/v1/jobs/${created.id}`).set(auth(otherKey))).body;
    expect(job.status).toBe('CANCELED');
    const events = (await t.http.get(`/api/v1/jobs/${created.id}/events`).set(auth(otherKey))).body;
    expect(events.map((e: { payload: { status?: string } }) => e.payload.status)).toEqual([
      'QUEUED',
      'CANCELED',
    ]);
  });

  it("refuses another user's job with 403", async () => {
    const mine = await createExternalJob(t.adminKey);
    const refused = await t.http.get(`/api/v1/jobs/${mine.id}`).set(auth(otherKey)).expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      message: 'This job belongs to another user',
    });
    await t.http.get(`/api/v1/jobs/${mine.id}/events`).set(auth(otherKey)).expect(403);
    await t.http.post(`/api/v1/jobs/${mine.id}/cancel`).set(auth(otherKey)).expect(403);
    const own = (await t.http.get('/api/v1/jobs').set(auth(otherKey))).body;
    expect(own.items.map((j: { id: string }) => j.id)).not.toContain(mine.id);
    const after = (await t.http.get(`/api/v1/jobs/${mine.id}`).set(auth()).expect(200)).body;
    expect(after.status).toBe('QUEUED');
  });
});
