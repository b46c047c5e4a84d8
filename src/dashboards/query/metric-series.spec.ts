import { describe, expect, it } from 'vitest';
import { METRIC_FIELDS } from '../metric-fields';
import { aggregatedSeriesBody, rawSeriesBody } from './metric-series';
import type { AggregateRow, RawRow } from './metric-series-reader';
import type { ResolvedRange } from './metrics-range';

const range: ResolvedRange = {
  period: null,
  from: new Date('2026-02-01T00:00:00Z'),
  to: new Date('2026-02-01T02:00:00Z'),
  bucket: '1h',
  openEnded: false,
};
const id = '0192f3a0-0000-7000-8000-00000000abcd';

/** Statistics as the SQL writes them (see withStatsJson): every field the same, accuracy unknown when asked. */
const stats = (base: number, noAccuracy = false) => {
  const one = { avg: base, min: base * 1e-7, max: base + 1 / 3, p95: base * 1000 };
  return Object.fromEntries(
    METRIC_FIELDS.map((field) => [field, noAccuracy && field === 'modelAccuracy' ? null : one]),
  );
};
const row = (t: number | null, count: number, values: object, extra = {}): AggregateRow => ({
  t,
  count,
  stats: JSON.stringify(values).slice(1, -1),
  ...extra,
});
const nulls = Object.fromEntries(METRIC_FIELDS.map((field) => [field, null]));

describe('metric series JSON', () => {
  it('puts buckets, their statistics and the summary in the DTO order', () => {
    const hours = [Date.parse('2026-02-01T00:00:00Z'), Date.parse('2026-02-01T01:00:00Z')];
    const text = aggregatedSeriesBody(id, range, [
      row(hours[0], 3, stats(0.5, true)),
      row(hours[1], 1, stats(2)),
      row(null, 4, stats(1), { estimated: true }),
    ]);
    expect(text.toString()).toBe(
      JSON.stringify({
        dashboardId: id,
        period: null,
        from: '2026-02-01T00:00:00.000Z',
        to: '2026-02-01T02:00:00.000Z',
        bucket: '1h',
        empty: false,
        p95Estimated: true,
        series: [
          { t: '2026-02-01T00:00:00.000Z', count: 3, ...stats(0.5, true) },
          { t: '2026-02-01T01:00:00.000Z', count: 1, ...stats(2) },
        ],
        summary: { count: 4, ...stats(1) },
      }),
    );
  });

  it('says empty, with null summary fields, when the range holds no point', () => {
    const body = JSON.parse(
      aggregatedSeriesBody(id, { ...range, period: '24h' }, [row(null, 0, nulls)]).toString(),
    ) as Record<string, unknown>;
    expect(body).toMatchObject({ period: '24h', empty: true, p95Estimated: false, series: [] });
    expect(body.summary).toEqual({ count: 0, ...nulls });
    expect(JSON.parse(aggregatedSeriesBody(id, range, []).toString()).summary).toEqual({
      count: 0,
      ...nulls,
    });
  });

  it("writes raw points with PostgreSQL's float8 text as JSON numbers, null where unknown or not finite", () => {
    const point = {
      t: Date.parse('2026-02-01T00:30:00Z'),
      iaEfficiency: '0.30000000000000004',
      modelAccuracy: null,
      processingTimeMs: '1.2345678901234568e+17',
      memoryUsageMb: 2048,
      errorRate: '1e-09',
    } as RawRow;
    const text = rawSeriesBody(
      id,
      { ...range, bucket: 'raw' },
      [point, { ...point, errorRate: 'NaN' }],
      row(null, 2, stats(1)),
    );
    const body = JSON.parse(text.toString()) as {
      bucket: string;
      series: Record<string, unknown>[];
    };
    expect(body.series[0]).toEqual({
      t: '2026-02-01T00:30:00.000Z',
      iaEfficiency: 0.1 + 0.2,
      modelAccuracy: null,
      processingTimeMs: 1.2345678901234568e17,
      memoryUsageMb: 2048,
      errorRate: 1e-9,
    });
    expect(Object.keys(body.series[0])).toEqual(['t', ...METRIC_FIELDS]);
    expect(body.series[1].errorRate).toBeNull();
    expect(body.bucket).toBe('raw');
  });
});
