import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { defaultBucket, resolveRange } from './metrics-range';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-11-30T06:17:42.123Z');
const STEP = 10_000;

describe('resolveRange', () => {
  it('ends a period at now rounded up to the step and starts it on a bucket boundary', () => {
    const range = resolveRange({ period: '30d' }, now, STEP, null);
    expect(range).toEqual({
      period: '30d',
      from: new Date('2026-10-31T06:00:00.000Z'),
      to: new Date('2026-11-30T06:17:50.000Z'),
      bucket: '1h',
      openEnded: true,
    });
  });

  it('defaults to 24h and picks the smallest bucket keeping the series at or under 1,000 entries', () => {
    expect(resolveRange({}, now, STEP, null)).toMatchObject({ period: '24h', bucket: '5m' });
    expect(resolveRange({ period: '7d' }, now, STEP, null).bucket).toBe('15m');
    expect(defaultBucket(1000 * 60_000)).toBe('1m');
    expect(defaultBucket(1001 * 60_000)).toBe('5m');
    expect(defaultBucket(5000 * DAY)).toBe('1d');
  });

  it('starts period=all at the earliest point, or answers an empty range without points', () => {
    const earliest = new Date('2026-09-15T13:45:00Z');
    expect(resolveRange({ period: 'all' }, now, STEP, earliest)).toMatchObject({
      from: new Date('2026-09-15T12:00:00Z'),
      bucket: '6h',
    });
    const none = resolveRange({ period: 'all' }, now, STEP, null);
    expect(none.to).toEqual(new Date('2026-11-30T06:17:50.000Z'));
    expect(none.from.getTime()).toBeLessThanOrEqual(none.to.getTime());
  });

  it('uses an explicit range exactly, without aligning it', () => {
    const from = new Date('2026-03-01T00:30:00Z');
    const to = new Date('2026-03-01T05:10:00Z');
    expect(resolveRange({ from, to, bucket: '1h' }, now, STEP, null)).toEqual({
      period: null,
      from,
      to,
      bucket: '1h',
      openEnded: false,
    });
    expect(resolveRange({ from, to, bucket: 'raw' }, now, STEP, null).bucket).toBe('raw');
  });

  it.each([
    [{ period: '7d' as const, from: now, to: now }, 'Give either period or from and to, not both'],
    [{ from: now }, 'from and to must be given together'],
    [{ from: now, to: now }, 'from must be before to'],
    [{ from: new Date(now.getTime() + 1), to: now }, 'from must be before to'],
    [
      { period: '30d' as const, bucket: '1m' as const },
      /bucket=1m splits this range into 43\d\d\d buckets; at most 10000/,
    ],
  ])('refuses %j', (request, message) => {
    const attempt = () => resolveRange(request, now, STEP, null);
    expect(attempt).toThrow(BadRequestException);
    expect(attempt).toThrow(message);
  });
});
