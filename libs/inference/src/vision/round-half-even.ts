/**
 * Rounds to the nearest integer, ties to the even neighbour, as Python's built-in `round()` does
 * (`round(2.5) == 2`, `round(3.5) == 4`). `Math.round` rounds ties up instead, which would shift
 * letterbox sizes by a pixel for some shapes. Never returns `-0`.
 */
export function roundHalfEven(value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot round ${value}`);
  }
  const lower = Math.floor(value);
  // For finite doubles, value - floor(value) is exact, so this compares the true fraction.
  const fraction = value - lower;
  let rounded: number;
  if (fraction > 0.5) {
    rounded = lower + 1;
  } else if (fraction < 0.5) {
    rounded = lower;
  } else {
    rounded = lower % 2 === 0 ? lower : lower + 1;
  }
  return rounded === 0 ? 0 : rounded;
}
