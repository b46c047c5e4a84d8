import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskQueue } from '../src/tasks/task-queue.service';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

const TOKEN = 'metrics-token-for-tests-0123456789';
const SCORE = { feature1: 71.5, feature2: 4.2, feature3: -1.8 };

/** The value of one series in a Prometheus text exposition, or undefined. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics (API and in-process worker)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ role: 'all', env: { METRICS_TOKEN: TOKEN } });
  }, 60_000);
  afterAll(() => t?.close());

  const scrape = async (): Promise<string> => {
    const res = await t.http.get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return res.text;
  };
  const waitForTask = (id: string, status: string) =>
    eventually(async () => {
      const res = await t.http.get(`/api/v1/tasks/${id}`).set('x-api-key', t.adminKey);
      return res.body.status === status ? res.body : undefined;
    });

  it('needs the bearer token when METRICS_TOKEN is set, and is not in the OpenAPI document', async () => {
    expect((await t.http.get('/metrics')).status).toBe(401);
    const wrong = await t.http.get('/metrics').set('authorization', 'Bearer nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, requestId: expect.any(String) });
    const docs = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it('has request durations by route template and status, lean routes included', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/api/v1/predictions/score')
        .set('x-api-key', t.adminKey)
        .send(SCORE)
        .expect(200);
    }
    await t.http.post('/api/v1/predictions/score').send(SCORE).expect(401);
    const id = '0190f1c4-1b7e-7cc0-8000-000000000001';
    await t.http.get(`/api/v1/predictions/${id}`).set('x-api-key', t.adminKey).expect(404);
    await t.http.get('/no/such/route/12345').expect(404);

    const text = await scrape();
    const count = (labels: string) =>
      sample(text, `http_request_duration_seconds_count{${labels}}`);
    expect(count('method="POST",route="/api/v1/predictions/score",status_code="200"')).toBe(3);
    expect(count('method="POST",route="/api/v1/predictions/score",status_code="401"')).toBe(1);
    expect(count('method="GET",route="/api/v1/predictions/:id",status_code="404"')).toBe(1);
    expect(count('method="GET",route="(unmatched)",status_code="404"')).toBeGreaterThanOrEqual(1);
    // Raw URLs never become labels.
    expect(text).not.toContain(id);
    expect(text).not.toContain('12345');
    expect(
      sample(
        text,
        'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/predictions/score",status_code="200"}',
      ),
    ).toBe(3);
  });

  it('has model inference durations by model and version, and process metrics', async () => {
    await t.http
      .post('/api/v1/predictions/score')
      .set('x-api-key', t.adminKey)
      .send(SCORE)
      .expect(200);
    const text = await scrape();
    const runs = text
      .split('\n')
      .filter((l) => l.startsWith('model_inference_duration_seconds_count{'));
    expect(runs.join('\n')).toMatch(
      /model_inference_duration_seconds_count\{model="vehicle-quality",version="[^"]+",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('has job durations by outcome and the queue depth by state', async () => {
    const ok = await t.http
      .post('/api/v1/housekeeping')
      .set('x-api-key', t.adminKey)
      .send({ job: 'purge-api-keys', retentionDays: 30 })
      .expect(202);
    await waitForTask(ok.body.id, 'succeeded');
    const bad = await inRequestContext(t.app, () =>
      t.app
        .get(TaskQueue)
        .enqueue('housekeeping', 'no-such-job' as 'purge-api-keys', { retentionDays: 1 }),
    );
    await waitForTask(bad.id, 'failed');

    const text = await eventually(
      async () => {
        // Queue counts are cached for 5 s: wait until a scrape shows both finished jobs.
        const body = await scrape();
        const done = sample(body, 'queue_jobs{queue="housekeeping",state="completed"}') ?? 0;
        const failed = sample(body, 'queue_jobs{queue="housekeeping",state="failed"}') ?? 0;
        return done >= 1 && failed >= 1 ? body : undefined;
      },
      15_000,
      500,
    );
    expect(
      sample(
        text,
        'queue_job_duration_seconds_count{queue="housekeeping",job="purge-api-keys",outcome="completed"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'queue_job_duration_seconds_count{queue="housekeeping",job="no-such-job",outcome="failed"}',
      ),
    ).toBe(1);
    expect(sample(text, 'queue_jobs{queue="predictions",state="waiting"}')).toBe(0);
  });
});
