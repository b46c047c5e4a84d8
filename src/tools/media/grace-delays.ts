/**
 * The waits between reads of something another process is about to write: `firstMs`, then each twice the one
 * before, the last cut so that all of them add up to `graceMs`. Short at first (a write in flight lands within a few
 * milliseconds), few in all (a name that never comes costs about log2(graceMs / firstMs) reads).
 */
export function graceDelays(graceMs: number, firstMs: number): number[] {
  if (!(firstMs > 0)) throw new RangeError(`firstMs must be positive, not ${firstMs}`);
  const delays: number[] = [];
  let total = 0;
  for (let next = firstMs; total < graceMs; next *= 2) {
    const delay = Math.min(next, graceMs - total);
    delays.push(delay);
    total += delay;
  }
  return delays;
}
