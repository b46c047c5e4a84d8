import { describe, expect, it } from 'vitest';
import type { MetricSeriesDto } from '../dto/metric-series.dto';
import { metricsCsv } from './metrics-csv';

const stats = (v: number) => ({ avg: v, min: v - 1, max: v + 1, p95: v + 0.5 });
const base = {
  dashboardId: 'd',
  period: null,
  from: 'a',
  to: 'b',
  empty: false,
  summary: {},
} as unknown as MetricSeriesDto;

describe('metricsCsv', () => {
  it('writes a header and one row per bucket', () => {
    const csv = metricsCsv({
      ...base,
      bucket: '1h',
      series: [
        {
          t: '2026-01-01T00:00:00.000Z',
          count: 2,
          iaEfficiency: stats(1),
          modelAccuracy: stats(2),
          processingTimeMs: stats(3),
          memoryUsageMb: stats(4),
          errorRate: stats(5),
        },
      ],
    });
    const [header, row, end] = csv.split('\n');
    expect(header.split(',')).toHaveLength(22);
    expect(
      header.startsWith(
        't,count,iaEfficiency_avg,iaEfficiency_min,iaEfficiency_max,iaEfficiency_p95,modelAccuracy_avg',
      ),
    ).toBe(true);
    expect(row).toBe(
      '2026-01-01T00:00:00.000Z,2,1,0,2,1.5,2,1,3,2.5,3,2,4,3.5,4,3,5,4.5,5,4,6,5.5',
    );
    expect(end).toBe('');
  });

  it('writes raw points as plain values, and only the header for an empty range', () => {
    const raw = metricsCsv({
      ...base,
      bucket: 'raw',
      series: [
        {
          t: 'x',
          iaEfficiency: 0.1,
          modelAccuracy: 0.2,
          processingTimeMs: 3,
          memoryUsageMb: 4,
          errorRate: 0.05,
        },
      ],
    });
    expect(raw).toBe(
      't,iaEfficiency,modelAccuracy,processingTimeMs,memoryUsageMb,errorRate\nx,0.1,0.2,3,4,0.05\n',
    );
    expect(metricsCsv({ ...base, bucket: '1d', series: [], empty: true }).split('\n')).toHaveLength(
      2,
    );
  });
});
