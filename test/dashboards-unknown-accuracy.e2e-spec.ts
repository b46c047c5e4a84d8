import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRole } from '../src/common/auth/user-role';
import { MetricsIngestService } from '../src/dashboards/ingest/metrics-ingest.service';
import { createDashboard } from './support/dashboards';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

/**
 * Points the platform records about its own models may have no known accuracy (no real results yet): they are
 * stored with a null accuracy and shown as gaps — null aggregates, empty CSV cells — never as invented numbers.
 */
describe('dashboard points without a known model accuracy', () => {
  let t: TestApp;
  let owner: UserWithKey;
  let id: string;
  const as = () => ({ 'x-api-key': owner.key });
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-01T03:00:00Z';
  const point = (hour: number, minute: number, modelAccuracy: number | null) => ({
    dashboardId: id,
    timestamp: new Date(Date.UTC(2026, 2, 1, hour, minute)),
    iaEfficiency: 0.9,
    modelAccuracy,
    processingTimeMs: 10 + minute,
    memoryUsageMb: 256,
    errorRate: 0.1,
  });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await newUserWithKey(t);
    id = await createDashboard(t, owner.key, 'Platform model');
    // Hour 0: accuracy unknown throughout; hour 1: known for one point of two; hour 2: none.
    await inRequestContext(t.app, () =>
      t.app
        .get(MetricsIngestService)
        .ingest({ userId: owner.id, role: owner.role as UserRole }, [
          point(0, 10, null),
          point(0, 20, null),
          point(1, 10, 0.8),
          point(1, 20, null),
        ]),
    );
  });
  afterAll(() => t.close());

  it('aggregates the known values only, and gives null where a bucket has none', async () => {
    const res = await t.http
      .get(`/api/v1/dashboards/${id}/metrics?${range}&bucket=1h`)
      .set(as())
      .expect(200);
    const [first, second] = res.body.series;
    expect(res.body.series).toHaveLength(2);
    expect(first).toMatchObject({ count: 2, modelAccuracy: null });
    expect(first.processingTimeMs.avg).toBeCloseTo(25, 9);
    expect(second.modelAccuracy).toEqual({ avg: 0.8, min: 0.8, max: 0.8, p95: 0.8 });
    expect(res.body.summary.modelAccuracy.avg).toBeCloseTo(0.8, 9);
    const raw = await t.http
      .get(`/api/v1/dashboards/${id}/metrics?${range}&bucket=raw`)
      .set(as())
      .expect(200);
    expect(raw.body.series.map((p: { modelAccuracy: number | null }) => p.modelAccuracy)).toEqual([
      null,
      null,
      0.8,
      null,
    ]);
  });

  it('leaves the CSV cells empty and still draws the PNG', async () => {
    const csv = await t.http
      .get(`/api/v1/dashboards/${id}/metrics.csv?${range}&bucket=raw`)
      .set(as())
      .expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('t,iaEfficiency,modelAccuracy,processingTimeMs,memoryUsageMb,errorRate');
    expect(lines[1].split(',')[2]).toBe('');
    expect(lines[3].split(',')[2]).toBe('0.8');
    await t.http
      .get(`/api/v1/dashboards/${id}/metrics.png?${range}&bucket=1h`)
      .set(as())
      .expect(200)
      .expect('content-type', /image\/png/);
  });

  it('still requires an accuracy from API callers', async () => {
    const res = await t.http
      .post('/api/v1/metrics')
      .set(as())
      .send({ ...point(2, 0, null), timestamp: '2026-03-01T02:00:00Z' })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('modelAccuracy');
  });
});
