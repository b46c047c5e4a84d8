import { ModelRegistry, Tensor } from '@app/inference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { SeedRunner } from '../src/seeding/seed-runner';
import { InferenceTally, MINUTE_MS } from '../src/platform-metrics/inference-tally';
import { RELATIVE_PRECISION } from '../src/platform-metrics/latency-histogram';
import { MinuteStatsStore } from '../src/platform-metrics/minute-stats-store';
import { InferenceStatsRecorder } from '../src/platform-metrics/inference-stats-recorder';
import { newUserWithKey } from './support/fixtures';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';

const MODEL = 'vehicle-quality';
const VERSION = '1.0.0';

interface Run {
  minute: number;
  durationMs: number;
  ok: boolean;
}

interface MinuteRow {
  minute: Date;
  calls: number;
  errors: number;
  latency_avg_ms: number;
  latency_p95_ms: number;
  memory_mb: number;
  accuracy: number | null;
}

const nearestRank = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
};

const byMinute = (runs: Run[]): Map<number, Run[]> => {
  const groups = new Map<number, Run[]>();
  for (const run of runs) groups.set(run.minute, [...(groups.get(run.minute) ?? []), run]);
  return groups;
};

describe('platform models: real metrics of the served models', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The worker runs in this process (role all): the schedule collects every 2 s; processes flush every 200 ms.
    t = await createTestApp({
      role: 'all',
      env: { PLATFORM_METRICS_CRON: '*/2 * * * * *', PLATFORM_METRICS_FLUSH_MS: '200' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const rows = async (): Promise<MinuteRow[]> => {
    const connection = t.app.get(MikroORM).em.getConnection();
    return (await connection.execute(
      `select minute, calls, errors, latency_avg_ms, latency_p95_ms, memory_mb, accuracy
         from platform_model_minutes where model = ? and version = ? order by minute`,
      [MODEL, VERSION],
    )) as MinuteRow[];
  };

  it('writes each minute of real model calls once: exact counts, mean and p95 within the histogram precision, summed over processes', async () => {
    const runs: Run[] = [];
    const stop = t.app.get(ModelRegistry).onInference((event) => {
      if (event.model !== MODEL) return;
      const at = Date.now();
      runs.push({ minute: at - (at % MINUTE_MS), durationMs: event.durationMs, ok: event.ok });
    });

    // Another API process's counts for the current minute, as its flush would add them.
    const other = new InferenceTally();
    const otherDurations = [0.7, 0.9, 1.1, 30, 45];
    const otherAt = Date.now();
    for (const [i, durationMs] of otherDurations.entries())
      other.record({ model: MODEL, version: VERSION, durationMs, ok: i !== 4 }, otherAt);
    await t.app.get(MinuteStatsStore).add(other.drain(), { id: 'other-host:1', memoryMb: 100 });

    // Real calls: the demo predictions (scored through the model), /score, a batch, and a run the model refuses.
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('demo'));
    for (let i = 0; i < 25; i++) {
      const res = await t.http
        .post('/api/v1/predictions/score')
        .set('x-api-key', t.adminKey)
        .send({ feature1: 60 + i, feature2: 3.5, feature3: -2 });
      expect(res.status).toBe(200);
    }
    const batch = await t.http
      .post('/api/v1/predictions/batch')
      .set('x-api-key', t.adminKey)
      .send({
        items: [1, 2, 3].map((i) => ({ knr: `PM-${i}`, feature1: 70, feature2: 4, feature3: i })),
      });
    expect(batch.status).toBe(201);
    await expect(
      t.app.get(ModelRegistry).run(MODEL, {
        features: new Tensor('float32', new Float32Array(2), [1, 2]),
      }),
    ).rejects.toThrow();
    stop();
    await t.app.get(InferenceStatsRecorder).flush();

    const expected = byMinute(runs);
    const otherMinute = otherAt - (otherAt % MINUTE_MS);
    // Every minute with a run here or in the other process, and no other.
    const minutes = [...new Set([...expected.keys(), otherMinute])].sort((a, b) => a - b);
    // The scheduled job writes each minute once it has ended (and one flush interval more).
    const written = await eventually(
      async () => {
        const found = await rows();
        return found.length >= minutes.length ? found : undefined;
      },
      100_000,
      500,
    );
    expect(written.map((r) => new Date(r.minute).getTime())).toEqual(minutes);
    for (const row of written) {
      const minute = new Date(row.minute).getTime();
      const ours = expected.get(minute) ?? [];
      const durations = ours.map((r) => r.durationMs);
      const errors = ours.filter((r) => !r.ok).length;
      if (minute === otherMinute) {
        durations.push(...otherDurations);
        expect(row.calls).toBe(ours.length + otherDurations.length);
        expect(row.errors).toBe(errors + 1);
        expect(row.memory_mb).toBeGreaterThan(100);
      } else {
        expect(row.calls).toBe(ours.length);
        expect(row.errors).toBe(errors);
      }
      const mean = durations.reduce((s, d) => s + d, 0) / durations.length;
      expect(Math.abs(row.latency_avg_ms - mean)).toBeLessThan(0.001);
      const p95 = nearestRank(durations, 0.95);
      expect(Math.abs(row.latency_p95_ms - p95) / p95).toBeLessThanOrEqual(
        RELATIVE_PRECISION + 1e-9,
      );
      expect(row.memory_mb).toBeGreaterThan(10);
    }

    // The full record over HTTP, newest first (admins only).
    const listed = await t.http
      .get(`/api/v1/platform-models/minutes?model=${MODEL}&version=${VERSION}`)
      .set('x-api-key', t.adminKey);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(written.length);
    expect(
      listed.body.items.map((m: { minute: string; calls: number; latencyP95Ms: number }) => [
        new Date(m.minute).getTime(),
        m.calls,
        m.latencyP95Ms,
      ]),
    ).toEqual(
      [...written].reverse().map((r) => [new Date(r.minute).getTime(), r.calls, r.latency_p95_ms]),
    );
    const viewer = await newUserWithKey(t);
    const refused = await t.http
      .get('/api/v1/platform-models/minutes')
      .set('x-api-key', viewer.key);
    expect(refused.status).toBe(403);

    // Accuracy: the model's live quality against the real results the demo predictions carry.
    const quality = await t.http
      .get(`/api/v1/predictions/quality?modelVersion=${VERSION}`)
      .set('x-api-key', t.adminKey);
    expect(quality.body.count).toBeGreaterThan(0);
    for (const row of written) expect(row.accuracy).toBeCloseTo(quality.body.accuracy, 12);

    // The same minutes on the admin's "Platform models" dashboard, one point each.
    const list = await t.http.get('/api/v1/dashboards?limit=100').set('x-api-key', t.adminKey);
    const dashboard = list.body.items.find(
      (d: { name: string }) => d.name === `Platform models: ${MODEL} ${VERSION}`,
    );
    expect(dashboard).toBeDefined();
    const series = await t.http
      .get(`/api/v1/dashboards/${dashboard.id}/metrics?period=24h&bucket=raw`)
      .set('x-api-key', t.adminKey);
    expect(series.status).toBe(200);
    expect(series.body.series).toHaveLength(written.length);
    for (const [i, point] of series.body.series.entries()) {
      const row = written[i];
      expect(new Date(point.t).getTime()).toBe(new Date(row.minute).getTime());
      expect(point.processingTimeMs).toBeCloseTo(row.latency_avg_ms, 9);
      expect(point.errorRate).toBeCloseTo(row.errors / row.calls, 12);
      expect(point.iaEfficiency).toBeCloseTo(1 - row.errors / row.calls, 12);
      expect(point.modelAccuracy).toBeCloseTo(quality.body.accuracy, 12);
      expect(point.memoryUsageMb).toBeCloseTo(row.memory_mb, 9);
    }

    // Counts arriving after their minute was written (a process that could not flush in time) are dropped, and
    // later runs of the job write nothing more: no minute twice, no minute without calls.
    const late = new InferenceTally();
    late.record(
      { model: MODEL, version: VERSION, durationMs: 5, ok: true },
      new Date(written[0].minute).getTime(),
    );
    await t.app.get(MinuteStatsStore).add(late.drain(), { id: 'late-host:1', memoryMb: 50 });
    const jobs = await t.http.get('/api/v1/tasks?limit=100').set('x-api-key', t.adminKey);
    const seen = jobs.body.total as number;
    await eventually(async () => {
      const again = await t.http.get('/api/v1/tasks?limit=100').set('x-api-key', t.adminKey);
      return (again.body.total as number) >= seen + 2 ? true : undefined;
    }, 20_000);
    expect(await rows()).toEqual(written);
    expect(await t.app.get(MinuteStatsStore).pending()).toEqual([]);
    const after = await t.http
      .get(`/api/v1/dashboards/${dashboard.id}/metrics?period=24h&bucket=raw`)
      .set('x-api-key', t.adminKey);
    expect(after.body.series).toEqual(series.body.series);
  }, 150_000);
});
