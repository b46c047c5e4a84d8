import { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METRIC_FIELDS,
  createDashboard,
  ingest,
  percentileCont,
  pointAt,
  seeded,
  statsOf,
  type Point,
} from './support/dashboards';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';
import { MetricRollupWriter } from '../src/dashboards/rollups/metric-rollup-writer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-10T00:00:00Z');
// Partial hours and days at both ends: 2026-03-10 00:30 to 2026-03-12 23:15; only 2026-03-11 is a whole day.
const FROM = Date.parse('2026-03-10T00:30:00Z');
const TO = Date.parse('2026-03-12T23:15:00Z');
// Each query ends a millisecond later than the one before (no point lies there), so none is a cache hit.
let queries = 0;
const range = () =>
  `from=${new Date(FROM).toISOString()}&to=${new Date(TO + queries++).toISOString()}`;

type Stats = { avg: number; min: number; max: number; p95: number };

/** Expects exact aggregates (up to floating-point rounding), p95 included unless `p95` is 'estimated'. */
function expectExact(actual: Stats, values: number[], p95: 'exact' | 'estimated'): void {
  const expected = statsOf(values);
  for (const stat of ['avg', 'min', 'max'] as const)
    expect(actual[stat]).toBeCloseTo(expected[stat], 9);
  if (p95 === 'exact') expect(actual.p95).toBeCloseTo(expected.p95, 9);
  else expectWithinTolerance(actual.p95, values);
}

/**
 * The documented accuracy of an estimated p95 (README, "Dashboards"): between the exact p90 and p99 of the same
 * points (these buckets are a few dozen to a few hundred points over hours at very different levels, the hard case).
 */
function expectWithinTolerance(p95: number, values: number[]): void {
  expect(p95).toBeGreaterThanOrEqual(percentileCont(values, 0.9) - 1e-9);
  expect(p95).toBeLessThanOrEqual(percentileCont(values, 0.99) + 1e-9);
}

describe('dashboard metric rollups', () => {
  let t: TestApp;
  let owner: UserWithKey;
  let id: string;
  const points: Point[] = [];

  const query = async (params: string) =>
    (
      await t.http
        .get(`/api/v1/dashboards/${id}/metrics?${params}`)
        .set({ 'x-api-key': owner.key })
        .expect(200)
    ).body;
  /** The dashboard's rollups: span in hours, start (ISO 8601) and count of points. */
  const rollups = async (): Promise<{ hours: number; start: string; count: number }[]> => {
    const rows: { hours: number; t: number; count: number }[] = await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute(
        `select hours, extract(epoch from start) * 1000 as t, count from metric_rollups
         where dashboard_id = ? order by hours, start`,
        [id],
      );
    return rows.map((r) => ({
      hours: r.hours,
      start: new Date(Number(r.t)).toISOString(),
      count: r.count,
    }));
  };
  const within = (from: number, to: number) =>
    points.filter((p) => Date.parse(p.timestamp!) >= from && Date.parse(p.timestamp!) < to);
  const values = (inRange: Point[], field: (typeof METRIC_FIELDS)[number]) =>
    inRange.map((p) => p[field]);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await newUserWithKey(t);
    id = await createDashboard(t, owner.key, 'rollups');
    // Three days, 0 to 30 points an hour (every fifth hour empty), each hour on its own level so that spans differ.
    const random = seeded(42);
    for (let hour = 0; hour < 72; hour++) {
      const count = hour % 5 === 3 ? 0 : 1 + Math.floor(random() * 30);
      const level = 0.2 + 0.6 * Math.abs(Math.sin(hour / 7));
      for (let i = 0; i < count; i++) {
        const at = START + hour * HOUR + Math.floor(random() * HOUR);
        const point = pointAt(id, new Date(at >= TO && at < TO + 1000 ? at + 1000 : at), random);
        for (const field of METRIC_FIELDS) point[field] *= field.endsWith('Rate') ? 1 : level;
        points.push(point);
      }
    }
    await ingest(t, owner.key, points);
  });
  afterAll(() => t.close());

  it('rolls up the complete hours and days a query read from the points; later queries read the rollups and agree', async () => {
    expect(await rollups()).toEqual([]);
    const first = await query(`${range()}&bucket=1h`);
    expect(first.p95Estimated).toBe(false);

    const written = await rollups();
    const fullHours = new Set<number>();
    for (const p of within(FROM, TO)) {
      const hour = Math.floor(Date.parse(p.timestamp!) / HOUR) * HOUR;
      if (hour >= FROM && hour + HOUR <= TO) fullHours.add(hour);
    }
    expect(written.filter((r) => r.hours === 1).map((r) => r.start)).toEqual(
      [...fullHours].sort((a, b) => a - b).map((h) => new Date(h).toISOString()),
    );
    expect(written.filter((r) => r.hours === 24)).toEqual([
      {
        hours: 24,
        start: '2026-03-11T00:00:00.000Z',
        count: within(START + DAY, START + 2 * DAY).length,
      },
    ]);

    const second = await query(`${range()}&bucket=1h`);
    expect(second.p95Estimated).toBe(true);
    expect(second.series.map((b: { t: string }) => b.t)).toEqual(
      first.series.map((b: { t: string }) => b.t),
    );
    for (const bucket of second.series) {
      const start = Math.max(Date.parse(bucket.t), FROM);
      const inBucket = within(start, Math.min(Date.parse(bucket.t) + HOUR, TO));
      expect(bucket.count).toBe(inBucket.length);
      for (const field of METRIC_FIELDS)
        expectExact(bucket[field], values(inBucket, field), 'exact'); // hour buckets: p95 exact
    }
    const all = within(FROM, TO);
    expect(second.summary.count).toBe(all.length);
    for (const field of METRIC_FIELDS)
      expectExact(second.summary[field], values(all, field), 'estimated');
  });

  it('answers 1d and 6h buckets from rollups: p95 exact for a whole rolled-up day, within tolerance for several spans', async () => {
    await query(`${range()}&bucket=1h`); // rollups written
    const days = await query(`${range()}&bucket=1d`);
    expect(days.p95Estimated).toBe(true);
    expect(days.series.map((b: { t: string }) => b.t)).toEqual([
      '2026-03-10T00:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
      '2026-03-12T00:00:00.000Z',
    ]);
    for (const bucket of days.series) {
      const day = Date.parse(bucket.t);
      const inBucket = within(Math.max(day, FROM), Math.min(day + DAY, TO));
      expect(bucket.count).toBe(inBucket.length);
      const whole = day === START + DAY;
      for (const field of METRIC_FIELDS)
        expectExact(bucket[field], values(inBucket, field), whole ? 'exact' : 'estimated');
    }

    const quarters = await query(`${range()}&bucket=6h`);
    for (const bucket of quarters.series) {
      const start = Date.parse(bucket.t);
      const inBucket = within(Math.max(start, FROM), Math.min(start + 6 * HOUR, TO));
      expect(bucket.count).toBe(inBucket.length);
      for (const field of METRIC_FIELDS)
        expectExact(bucket[field], values(inBucket, field), 'estimated');
    }
  });

  it('deletes the rollups of the hour and day a late point is written into; the answer includes it exactly', async () => {
    await query(`${range()}&bucket=1h`);
    const late: Point = {
      ...pointAt(id, new Date('2026-03-11T05:10:00Z'), seeded(3)),
      processingTimeMs: 5000,
    };
    await ingest(t, owner.key, [late]);
    points.push(late);
    const left = (await rollups()).map((r) => `${r.hours} ${r.start}`);
    expect(left).not.toContain('1 2026-03-11T05:00:00.000Z');
    expect(left).not.toContain('24 2026-03-11T00:00:00.000Z');
    expect(left).toContain('1 2026-03-11T06:00:00.000Z');

    const body = await query(`${range()}&bucket=1h`);
    const hour = body.series.find((b: { t: string }) => b.t === '2026-03-11T05:00:00.000Z');
    const inHour = within(Date.parse(hour.t), Date.parse(hour.t) + HOUR);
    expect(hour.count).toBe(inHour.length);
    expect(hour.processingTimeMs.max).toBe(5000);
    for (const field of METRIC_FIELDS) expectExact(hour[field], values(inHour, field), 'exact');
    expect(body.summary.count).toBe(within(FROM, TO).length);
    expect(body.summary.processingTimeMs.max).toBe(5000);
    // The query rolled the hour and the day up again, with the late point.
    const again = await rollups();
    expect(again).toContainEqual({
      hours: 1,
      start: '2026-03-11T05:00:00.000Z',
      count: inHour.length,
    });
    expect(again.some((r) => r.hours === 24)).toBe(true);
  });

  it('forgets the rollups of points deleted or changed outside ingest (statement trigger)', async () => {
    await query(`${range()}&bucket=1h`);
    const sql = (text: string) => t.app.get(MikroORM).em.getConnection().execute(text, [id]);
    await sql(
      `delete from metrics where dashboard_id = ? and "timestamp" >= '2026-03-11T06:00:00Z' and "timestamp" < '2026-03-11T06:10:00Z'`,
    );
    await sql(
      `update metrics set "timestamp" = "timestamp" + interval '14 hours' where dashboard_id = ? and "timestamp" >= '2026-03-10T07:00:00Z' and "timestamp" < '2026-03-10T08:00:00Z'`,
    );
    const left = (await rollups()).map((r) => `${r.hours} ${r.start}`);
    for (const gone of ['1 2026-03-11T06:00:00.000Z', '24 2026-03-11T00:00:00.000Z'])
      expect(left).not.toContain(gone);
    for (const gone of ['1 2026-03-10T07:00:00.000Z', '1 2026-03-10T21:00:00.000Z'])
      expect(left).not.toContain(gone);
    expect(left).toContain('1 2026-03-11T07:00:00.000Z');
  });

  it('the repeatable job rolls up the complete hours and days since yesterday of every dashboard', async () => {
    const recent = await createDashboard(t, owner.key, 'recent');
    const now = Date.now();
    const hourAgo = Math.floor(now / HOUR) * HOUR - 2 * HOUR; // complete, and settled
    const random = seeded(5);
    await ingest(t, owner.key, [
      pointAt(recent, new Date(hourAgo + 60_000), random),
      pointAt(recent, new Date(hourAgo - 20 * HOUR), random),
    ]);
    const result = await t.app.get(MetricRollupWriter).rollUpRecent(new Date(now));
    expect(result.dashboards).toBeGreaterThanOrEqual(2);
    const rows: { hours: number }[] = await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('select hours from metric_rollups where dashboard_id = ? and hours = 1', [recent]);
    expect(rows).toHaveLength(2);
  });

  it('removes the rollups with their dashboard', async () => {
    await query(`${range()}&bucket=1h`);
    expect((await rollups()).length).toBeGreaterThan(0);
    await t.http.delete(`/api/v1/dashboards/${id}`).set({ 'x-api-key': owner.key }).expect(204);
    expect(await rollups()).toEqual([]);
  });
});
