import type { AggregateBucket } from './metrics-range';

/** Times leave SQL as epoch milliseconds (float8: exact), not as the driver's timestamp text. */
export const epochMs = (expression: string): string =>
  `(extract(epoch from ${expression}) * 1000)::float8`;

export const INTERVALS: Record<AggregateBucket, string> = {
  '1m': '1 minute',
  '5m': '5 minutes',
  '15m': '15 minutes',
  '1h': '1 hour',
  '6h': '6 hours',
  '1d': '1 day',
};
