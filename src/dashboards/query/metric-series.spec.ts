import { describe, expect, it } from 'vitest';
import { METRIC_FIELDS } from '../metric-fields';
import { aggregatedSeriesJson, rawSeriesJson } from './metric-series';
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

/** An aggregate row whose stats are `base` + small offsets; `modelAccuracy` unknown when asked. */
const row = (t: number | null, count: number, base: number, noAccuracy = false): AggregateRow => {
  const r = { t, count } as AggregateRow;
  for (const field of METRIC_FIELDS) {
    const unknown = noAccuracy && field === 'modelAccuracy';
    r[`${field}_avg`] = unknown ? null : base + 0.1 + 0.2;
    r[`${field}_min`] = unknown ? null : base * 1e-7;
    r[`${field}_max`] = unknown ? null : base + 1 / 3;
    r[`${field}_p95`] = unknown ? null : base * 1000;
  }
  return r;
};
const stats = (r: AggregateRow, field: string) =>
  r[`${field}_avg`] === null
    ? null
    : {
        avg: r[`${field}_avg`],
        min: r[`${field}_min`],
        max: r[`${field}_max`],
        p95: r[`${field}_p95`],
      };
const fieldsOf = (r: AggregateRow) =>
  Object.fromEntries(METRIC_FIELDS.map((field) => [field, stats(r, field)]));

describe('metric series JSON', () => {
  it('writes buckets and summary exactly as JSON.stringify would, nulls for unknown fields', () => {
    const rows = [
      row(Date.parse('2026-02-01T00:00:00Z'), 3, 0.5, true),
      row(Date.parse('2026-02-01T01:00:00Z'), 1, 2),
    ];
    const total = row(null, 4, 1);
    const expected = {
      dashboardId: id,
      period: null,
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-02-01T02:00:00.000Z',
      bucket: '1h',
      empty: false,
      p95Estimated: true,
      series: rows.map((r) => ({
        t: new Date(r.t as number).toISOString(),
        count: r.count,
        ...fieldsOf(r),
      })),
      summary: { count: 4, ...fieldsOf(total) },
    };
    expect(aggregatedSeriesJson(id, range, [...rows, { ...total, estimated: true }])).toBe(
      JSON.stringify(expected),
    );
  });

  it('says empty, with null summary fields, when the range holds no point', () => {
    const text = aggregatedSeriesJson(id, { ...range, period: '24h' }, [row(null, 0, 0)]);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({ period: '24h', empty: true, p95Estimated: false, series: [] });
    expect(body.summary).toEqual({
      count: 0,
      ...Object.fromEntries(METRIC_FIELDS.map((f) => [f, null])),
    });
    expect(JSON.parse(aggregatedSeriesJson(id, range, [])).summary.count).toBe(0);
  });

  it("passes PostgreSQL's float8 text through as JSON numbers; non-finite values are null", () => {
    const r = row(Date.parse('2026-02-01T00:00:00Z'), 2, 1);
    Object.assign(r, {
      iaEfficiency_avg: '0.30000000000000004',
      iaEfficiency_min: '1e-07',
      iaEfficiency_max: '1.2345678901234568e+17',
      iaEfficiency_p95: 'NaN',
      errorRate_p95: '-Infinity',
    });
    const text = aggregatedSeriesJson(id, range, [r, row(null, 2, 1)]);
    expect(text).toContain(
      '"iaEfficiency":{"avg":0.30000000000000004,"min":1e-07,"max":1.2345678901234568e+17,"p95":null}',
    );
    const [bucket] = (JSON.parse(text) as { series: Record<string, Record<string, number>>[] })
      .series;
    expect(bucket.iaEfficiency).toEqual({
      avg: 0.1 + 0.2,
      min: 1e-7,
      max: 1.2345678901234568e17,
      p95: null,
    });
    expect(bucket.errorRate.p95).toBeNull();
  });

  it('writes raw points with their values, null where unknown', () => {
    const point = {
      t: Date.parse('2026-02-01T00:30:00Z'),
      iaEfficiency: 0.9,
      modelAccuracy: null,
      processingTimeMs: 120.5,
      memoryUsageMb: 2048,
      errorRate: 1e-9,
    } as RawRow;
    const body = JSON.parse(
      rawSeriesJson(id, { ...range, bucket: 'raw' }, [point], row(null, 1, 1)),
    );
    expect(body.series).toEqual([{ ...point, t: '2026-02-01T00:30:00.000Z' }]);
    expect(Object.keys(body.series[0])).toEqual(['t', ...METRIC_FIELDS]);
    expect(body.bucket).toBe('raw');
  });
});
