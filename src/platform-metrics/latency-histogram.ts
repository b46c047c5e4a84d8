/**
 * Log-scale latency buckets shared by every process: bucket `i` holds durations in (GROWTH^(i-1), GROWTH^i] ms, so
 * counts recorded by different processes add up bucket by bucket and a percentile read from the sum is within
 * ±1 % (half a bucket, geometrically) of the exact one. Durations at or below MIN_MS share the lowest bucket.
 */
export const GROWTH = 1.02;
export const MIN_MS = 0.001;
const LOG_GROWTH = Math.log(GROWTH);
const LOWEST = Math.ceil(Math.log(MIN_MS) / LOG_GROWTH);

/** Relative error bound of a value read back from its bucket (√GROWTH − 1 ≈ 0.995 %). */
export const RELATIVE_PRECISION = Math.sqrt(GROWTH) - 1;

export const bucketOf = (durationMs: number): number =>
  durationMs <= MIN_MS || !Number.isFinite(durationMs)
    ? LOWEST
    : Math.max(LOWEST, Math.ceil(Math.log(durationMs) / LOG_GROWTH));

/** The value a bucket stands for: the geometric middle of its bounds. */
export const valueOfBucket = (bucket: number): number =>
  bucket <= LOWEST ? MIN_MS : GROWTH ** (bucket - 0.5);

/**
 * The nearest-rank percentile (`q` in 0..1) of the durations counted in `buckets` (bucket → count), or null when
 * there are none.
 */
export function percentileOf(buckets: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...buckets.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) {
    seen += buckets.get(bucket) ?? 0;
    if (seen >= rank) return valueOfBucket(bucket);
  }
  return null;
}
