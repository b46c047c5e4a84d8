import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { MetricPointDto } from '../dto/metric-point.dto';
import { wellFormedPoint } from './well-formed-point';

const point = {
  iaEfficiency: 0.9,
  modelAccuracy: 1,
  processingTimeMs: 0,
  memoryUsageMb: 512.5,
  errorRate: 0.01,
};

const bodies: unknown[] = [
  point,
  { ...point, dashboardId: '01a20737-58be-7ee1-87e7-ecca9829b26b' },
  { ...point, dashboardId: '01A20737-58BE-7EE1-87E7-ECCA9829B26B' },
  { ...point, timestamp: '2026-11-30T06:00:00Z', period: '7d' },
  { ...point, timestamp: '2026-11-30T06:00:00.123+02:00' },
  { ...point, timestamp: '2026-11-30' },
  { ...point, timestamp: '0001-01-01T00:00:00Z' },
  { ...point, timestamp: '0000-12-31T23:59:59Z' },
  { ...point, timestamp: '+010000-01-01T00:00:00Z' },
  { ...point, timestamp: 'soon' },
  { ...point, timestamp: 1764482400000 },
  { ...point, timestamp: null },
  { ...point, dashboardId: 'nope' },
  { ...point, dashboardId: null },
  { ...point, period: '1y' },
  { ...point, period: null },
  { ...point, errorRate: 1.0000001 },
  { ...point, errorRate: -0 },
  { ...point, processingTimeMs: 86_400_001 },
  { ...point, memoryUsageMb: Number.NaN },
  { ...point, memoryUsageMb: Number.POSITIVE_INFINITY },
  { ...point, iaEfficiency: '0.5' },
  { ...point, extra: 1 },
  { ...point, constructor: 1 },
  { iaEfficiency: 0.5 },
  Object.assign(Object.create({ inherited: 1 }), point),
];

/** What the class-validator path (`plainToInstance` + `validateSync`, whitelist on) makes of a body. */
const viaClassValidator = (body: unknown): MetricPointDto | null => {
  if (typeof body !== 'object' || body === null) return null;
  const instance = plainToInstance(MetricPointDto, body);
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0
    ? instance
    : null;
};

describe('wellFormedPoint', () => {
  it.each(bodies.map((body) => [JSON.stringify(body), body]))(
    'accepts only what class-validator accepts, with the same result: %s',
    (_name, body) => {
      const fast = wellFormedPoint(body);
      if (fast === null) return; // class-validator decides (and words the error)
      expect(fast).toBeInstanceOf(MetricPointDto);
      expect({ ...fast }).toEqual({ ...viaClassValidator(body) });
    },
  );

  it('recognises the common shapes', () => {
    for (const body of bodies.slice(0, 7)) expect(wellFormedPoint(body)).not.toBeNull();
    expect(wellFormedPoint({ ...point, timestamp: '2026-11-30T06:00:00Z' })?.timestamp).toEqual(
      new Date('2026-11-30T06:00:00Z'),
    );
  });
});
