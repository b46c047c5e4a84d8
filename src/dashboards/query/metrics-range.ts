import { BadRequestException } from '@nestjs/common';

export const METRIC_BUCKETS = ['raw', '1m', '5m', '15m', '1h', '6h', '1d'] as const;
export type MetricBucket = (typeof METRIC_BUCKETS)[number];
export type AggregateBucket = Exclude<MetricBucket, 'raw'>;

export const QUERY_PERIODS = ['24h', '7d', '30d', 'all'] as const;
export type QueryPeriod = (typeof QUERY_PERIODS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKET_MS: Record<AggregateBucket, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '6h': 6 * HOUR,
  '1d': DAY,
};

const PERIOD_MS: Record<Exclude<QueryPeriod, 'all'>, number> = {
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/** A default bucket keeps a series at or under this many entries. */
export const TARGET_SERIES_LENGTH = 1000;
/** An explicit bucket may split a range into at most this many buckets. */
export const MAX_BUCKETS = 10_000;

export interface RangeRequest {
  period?: QueryPeriod;
  from?: Date;
  to?: Date;
  bucket?: MetricBucket;
}

/** The range a query reads: points with from <= timestamp < to, grouped by `bucket`. */
export interface ResolvedRange {
  /** The requested period, or null for an explicit from/to. */
  period: QueryPeriod | null;
  from: Date;
  to: Date;
  bucket: MetricBucket;
  /** Relative to now (a period): its end moves, so it is cached briefly. */
  openEnded: boolean;
}

const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number): number => Math.ceil(ms / step) * step;

/** The smallest bucket that keeps `spanMs` within TARGET_SERIES_LENGTH entries (1d at the most). */
export function defaultBucket(spanMs: number): AggregateBucket {
  const buckets = Object.keys(BUCKET_MS) as AggregateBucket[];
  return buckets.find((b) => Math.ceil(spanMs / BUCKET_MS[b]) <= TARGET_SERIES_LENGTH) ?? '1d';
}

/**
 * Turns `period` (default 24h) or `from`/`to` and `bucket` into the exact range to read. A period ends at "now"
 * rounded up to `openStepMs` (so requests within one step share a cache entry; a point written meanwhile is
 * included, since ingesting clears the cache); `all` starts at the dashboard's `earliest` point. With a bucket, a
 * period's start is moved down to a bucket boundary (buckets are aligned to the UTC epoch), so the first bucket is
 * whole. An explicit range is used exactly as given.
 */
export function resolveRange(
  request: RangeRequest,
  now: Date,
  openStepMs: number,
  earliest: Date | null,
): ResolvedRange {
  const { from, to } = request;
  if (request.period !== undefined && (from !== undefined || to !== undefined))
    throw new BadRequestException('Give either period or from and to, not both');
  if ((from === undefined) !== (to === undefined))
    throw new BadRequestException('from and to must be given together');
  if (from && to && from.getTime() >= to.getTime())
    throw new BadRequestException('from must be before to');

  let start: number;
  let end: number;
  const period = from && to ? null : (request.period ?? '24h');
  if (from && to) {
    start = from.getTime();
    end = to.getTime();
  } else {
    end = ceilTo(now.getTime(), openStepMs);
    start =
      period === 'all'
        ? (earliest?.getTime() ?? end)
        : end - PERIOD_MS[period as keyof typeof PERIOD_MS];
  }
  const bucket = request.bucket ?? defaultBucket(end - start);
  if (bucket !== 'raw') {
    const step = BUCKET_MS[bucket];
    if (period !== null) start = floorTo(start, step);
    const buckets = Math.ceil((end - floorTo(start, step)) / step);
    if (buckets > MAX_BUCKETS)
      throw new BadRequestException(
        `bucket=${bucket} splits this range into ${buckets} buckets; at most ${MAX_BUCKETS}: choose a larger bucket or a shorter range`,
      );
  }
  return { period, from: new Date(start), to: new Date(end), bucket, openEnded: period !== null };
}
