import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { parseMetricPoints } from './metric-points';

const point = {
  iaEfficiency: 0.9,
  modelAccuracy: 0.95,
  processingTimeMs: 120,
  memoryUsageMb: 512,
  errorRate: 0.01,
};

describe('parseMetricPoints', () => {
  it('reads one point or a batch, turning timestamps into dates', () => {
    const one = parseMetricPoints(
      { ...point, timestamp: '2026-11-30T06:00:00Z', period: '24h' },
      10,
    );
    expect(one.ok && one.points[0].timestamp).toEqual(new Date('2026-11-30T06:00:00Z'));
    const batch = parseMetricPoints({ points: [point, point, point] }, 3);
    expect(batch.ok && batch.points).toHaveLength(3);
  });

  it('names the index and field of each bad point', () => {
    const points = [
      point,
      point,
      point,
      { ...point, errorRate: 1.5 },
      { ...point, modelAccuracy: -0.1, extra: 1 },
    ];
    expect(parseMetricPoints({ points }, 10)).toEqual({
      ok: false,
      problems: [
        {
          field: 'points[3].errorRate',
          messages: ['points[3].errorRate must not be greater than 1'],
        },
        { field: 'points[4].extra', messages: ['points[4].extra should not exist'] },
        {
          field: 'points[4].modelAccuracy',
          messages: ['points[4].modelAccuracy must not be less than 0'],
        },
      ],
    });
  });

  it('bounds the batch and refuses other shapes', () => {
    const tooMany = parseMetricPoints({ points: [point, point, point] }, 2);
    expect(tooMany).toEqual({
      ok: false,
      problems: [
        { field: 'points', messages: ['points must be an array of 1 to 2 metric points'] },
      ],
    });
    expect(parseMetricPoints({ points: [] }, 2).ok).toBe(false);
    expect(parseMetricPoints({ points: [point], more: 1 }, 2)).toEqual({
      ok: false,
      problems: [{ field: 'more', messages: ['more should not exist'] }],
    });
    expect(parseMetricPoints({ points: [7] }, 2)).toEqual({
      ok: false,
      problems: [{ field: 'points[0]', messages: ['points[0] must be an object'] }],
    });
    expect(parseMetricPoints([point], 2)).toEqual({
      ok: false,
      problems: [{ field: 'body', messages: ['body must be an object'] }],
    });
    const missing = parseMetricPoints({ iaEfficiency: 0.5 }, 2);
    expect(!missing.ok && missing.problems.map((p) => p.field)).toEqual([
      'modelAccuracy',
      'processingTimeMs',
      'memoryUsageMb',
      'errorRate',
    ]);
  });
});
