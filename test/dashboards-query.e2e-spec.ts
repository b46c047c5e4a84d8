import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METRIC_FIELDS,
  createDashboard,
  ingest,
  pointAt,
  seeded,
  statsOf,
  type Point,
} from './support/dashboards';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Expects `actual` (the API's stats) to equal `expected` up to floating-point rounding. */
function expectStats(actual: Record<string, number>, expected: Record<string, number>): void {
  for (const stat of ['avg', 'min', 'max', 'p95'])
    expect(actual[stat]).toBeCloseTo(expected[stat], 9);
}

describe('dashboard metrics queries', () => {
  let t: TestApp;
  let owner: UserWithKey;
  const as = () => ({ 'x-api-key': owner.key });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await newUserWithKey(t);
  });
  afterAll(() => t.close());

  const query = (id: string, params: string) =>
    t.http.get(`/api/v1/dashboards/${id}/metrics?${params}`).set(as());

  it('aggregates each hourly bucket and the range in SQL exactly as computed here from the points sent', async () => {
    const id = await createDashboard(t, owner.key, 'aggregates');
    const random = seeded(7);
    const start = Date.parse('2026-03-01T00:00:00Z');
    // 6 hours, 0 to 40 points each at random minutes (hour 2 stays empty): 1h buckets, no invented ones.
    const points: Point[] = [];
    for (let hour = 0; hour < 6; hour++) {
      const count = hour === 2 ? 0 : 1 + Math.floor(random() * 40);
      for (let i = 0; i < count; i++)
        points.push(
          pointAt(id, new Date(start + hour * HOUR + Math.floor(random() * HOUR)), random),
        );
    }
    await ingest(t, owner.key, points);

    const res = await query(
      id,
      `from=2026-03-01T00:00:00Z&to=2026-03-01T06:00:00Z&bucket=1h`,
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.body;
    expect(Object.keys(body).sort()).toEqual(
      [
        'bucket',
        'dashboardId',
        'empty',
        'from',
        'p95Estimated',
        'period',
        'series',
        'summary',
        'to',
      ].sort(),
    );
    expect(body).toMatchObject({
      dashboardId: id,
      period: null,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T06:00:00.000Z',
      bucket: '1h',
      empty: false,
      p95Estimated: false, // nothing rolled up yet: every p95 from the points
    });
    expect(body.series.map((b: { t: string }) => b.t)).toEqual(
      [0, 1, 3, 4, 5].map((h) => new Date(start + h * HOUR).toISOString()),
    );
    for (const bucket of body.series) {
      const inBucket = points.filter(
        (p) =>
          Date.parse(p.timestamp!) - Date.parse(bucket.t) < HOUR &&
          Date.parse(p.timestamp!) >= Date.parse(bucket.t),
      );
      expect(bucket.count).toBe(inBucket.length);
      for (const field of METRIC_FIELDS)
        expectStats(bucket[field], statsOf(inBucket.map((p) => p[field])));
    }
    expect(body.summary.count).toBe(points.length);
    for (const field of METRIC_FIELDS)
      expectStats(body.summary[field], statsOf(points.map((p) => p[field])));
  });

  it('puts a point exactly on a boundary in the bucket it starts; from is inclusive, to exclusive; days are UTC', async () => {
    const id = await createDashboard(t, owner.key, 'edges');
    const at = (iso: string, value: number): Point => ({
      dashboardId: id,
      timestamp: iso,
      iaEfficiency: value,
      modelAccuracy: value,
      processingTimeMs: value,
      memoryUsageMb: value,
      errorRate: value,
    });
    await ingest(t, owner.key, [
      at('2026-04-01T23:59:59.999Z', 0.1),
      at('2026-04-02T00:00:00.000Z', 0.2), // exactly on a day and hour boundary
      at('2026-04-02T00:14:59.999Z', 0.3),
      at('2026-04-02T00:15:00.000Z', 0.4),
      at('2026-04-03T00:00:00.000Z', 0.5), // = to below: excluded
    ]);
    const range = 'from=2026-04-01T00:00:00Z&to=2026-04-03T00:00:00Z';
    const days = (await query(id, `${range}&bucket=1d`).expect(200)).body;
    expect(days.series.map((b: { t: string; count: number }) => [b.t, b.count])).toEqual([
      ['2026-04-01T00:00:00.000Z', 1],
      ['2026-04-02T00:00:00.000Z', 3],
    ]);
    const quarters = (await query(id, `${range}&bucket=15m`).expect(200)).body;
    expect(quarters.series.map((b: { t: string; count: number }) => [b.t, b.count])).toEqual([
      ['2026-04-01T23:45:00.000Z', 1],
      ['2026-04-02T00:00:00.000Z', 2],
      ['2026-04-02T00:15:00.000Z', 1],
    ]);
    const fromOnPoint = (
      await query(id, 'from=2026-04-02T00:00:00Z&to=2026-04-02T00:15:00Z&bucket=raw').expect(200)
    ).body;
    expect(fromOnPoint.series).toEqual([
      {
        t: '2026-04-02T00:00:00.000Z',
        iaEfficiency: 0.2,
        modelAccuracy: 0.2,
        processingTimeMs: 0.2,
        memoryUsageMb: 0.2,
        errorRate: 0.2,
      },
      {
        t: '2026-04-02T00:14:59.999Z',
        iaEfficiency: 0.3,
        modelAccuracy: 0.3,
        processingTimeMs: 0.3,
        memoryUsageMb: 0.3,
        errorRate: 0.3,
      },
    ]);
    expect(fromOnPoint.summary.count).toBe(2);
    expect(fromOnPoint.summary.errorRate).toEqual({
      avg: 0.25,
      min: 0.2,
      max: 0.3,
      p95: expect.closeTo(0.295, 12),
    });
  });

  it('answers an empty range with empty: true, no series and null summary fields', async () => {
    const id = await createDashboard(t, owner.key, 'empty');
    const body = (await query(id, 'from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z').expect(200))
      .body;
    expect(body).toEqual({
      dashboardId: id,
      period: null,
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-01-02T00:00:00.000Z',
      bucket: '5m',
      empty: true,
      p95Estimated: false,
      series: [],
      summary: {
        count: 0,
        iaEfficiency: null,
        modelAccuracy: null,
        processingTimeMs: null,
        memoryUsageMb: null,
        errorRate: null,
      },
    });
    const all = (await query(id, 'period=all').expect(200)).body;
    expect(all).toMatchObject({ period: 'all', empty: true, series: [] });
  });

  it('resolves periods up to now with a default bucket of at most 1,000 entries, aligned to UTC bucket starts', async () => {
    const id = await createDashboard(t, owner.key, 'periods');
    const now = Date.now();
    const random = seeded(11);
    await ingest(t, owner.key, [
      pointAt(id, new Date(now - 60_000), random),
      pointAt(id, new Date(now - 3 * DAY), random),
      pointAt(id, new Date(now - 20 * DAY), random),
      pointAt(id, new Date(now - 100 * DAY), random),
    ]);
    const expected = {
      '24h': ['5m', 1],
      '7d': ['15m', 2],
      '30d': ['1h', 3],
      all: ['6h', 4],
    } as const;
    for (const [period, [bucket, count]] of Object.entries(expected)) {
      const body = (await query(id, `period=${period}`).expect(200)).body;
      expect(body).toMatchObject({ period, bucket, empty: false });
      expect(body.summary.count).toBe(count);
      expect(Date.parse(body.to)).toBeGreaterThanOrEqual(now);
      const bucketMs = { '5m': 300_000, '15m': 900_000, '1h': HOUR, '6h': 6 * HOUR }[bucket];
      expect(Date.parse(body.from) % bucketMs).toBe(0);
      expect(body.series.length).toBeLessThanOrEqual(1000);
    }
  });

  it('refuses bad ranges and values with a 400 naming the problem', async () => {
    const id = await createDashboard(t, owner.key, 'validation');
    const cases: [string, RegExp][] = [
      ['period=1y', /period must be one of 24h, 7d, 30d, all/],
      ['bucket=2h', /bucket must be one of raw, 1m, 5m, 15m, 1h, 6h, 1d/],
      ['from=yesterday&to=2026-01-01T00:00:00Z', /from must be an ISO 8601 date-time/],
      ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', /from must be before to/],
      ['from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', /from must be before to/],
      ['from=2026-01-01T00:00:00Z', /from and to must be given together/],
      [
        'period=7d&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z',
        /either period or from and to/,
      ],
      ['period=30d&bucket=1m', /bucket=1m splits this range into \d+ buckets; at most 10000/],
      ['from=0001-01-01T00:00:00Z&to=9999-01-01T00:00:00Z&bucket=1d', /at most 10000/],
      ['unknown=1', /property unknown should not exist/],
    ];
    for (const [params, message] of cases) {
      const res = await query(id, params);
      expect(res.status, params).toBe(400);
      expect(res.body.message, params).toMatch(message);
    }
  });
});
