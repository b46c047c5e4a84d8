import { describe, expect, it } from 'vitest';
import { demoMetricValues, lastHours } from './demo-metric-curves';
import { METRIC_FIELDS, METRIC_LIMITS } from './metric-fields';

describe('demo metric curves', () => {
  it('gives the same values for an hour whenever they are computed', () => {
    const hour = new Date('2026-11-30T06:00:00Z');
    expect(demoMetricValues(hour)).toEqual(demoMetricValues(new Date(hour)));
    expect(demoMetricValues(hour)).not.toEqual(demoMetricValues(new Date('2026-11-30T07:00:00Z')));
  });

  it('stays within every field’s accepted range, busier in the afternoon than at night (UTC)', () => {
    const hours = lastHours(new Date('2026-11-30T06:30:00Z'), 720);
    expect(hours).toHaveLength(720);
    expect(hours.at(-1)).toEqual(new Date('2026-11-30T06:00:00Z'));
    const values = hours.map(demoMetricValues);
    for (const v of values)
      for (const field of METRIC_FIELDS) {
        expect(v[field]).toBeGreaterThanOrEqual(METRIC_LIMITS[field][0]);
        expect(v[field]).toBeLessThanOrEqual(METRIC_LIMITS[field][1]);
      }
    const mean = (h: number) => {
      const at = hours
        .filter((d) => d.getUTCHours() === h)
        .map((d) => demoMetricValues(d).processingTimeMs);
      return at.reduce((a, b) => a + b, 0) / at.length;
    };
    expect(mean(15)).toBeGreaterThan(mean(3) + 40);
  });
});
