/**
 * Separable box blur of a row-major `width` x `height` grid. The window is `2 * radius + 1` wide
 * and is cut at the borders, where the mean is taken over the values that remain, so a constant
 * grid stays constant. Radius 0 returns an unchanged copy.
 */
export function boxBlur(
  values: Float32Array,
  width: number,
  height: number,
  radius: number,
): Float32Array {
  if (radius <= 0) {
    return values.slice();
  }
  const horizontal = new Float32Array(values.length);
  for (let row = 0; row < height; row += 1) {
    blurLine(values, horizontal, row * width, 1, width, radius);
  }
  const blurred = new Float32Array(values.length);
  for (let column = 0; column < width; column += 1) {
    blurLine(horizontal, blurred, column, width, height, radius);
  }
  return blurred;
}

/** Blurs the `length` values at `start`, `start + stride`, ... of `source` into `target`. */
function blurLine(
  source: Float32Array,
  target: Float32Array,
  start: number,
  stride: number,
  length: number,
  radius: number,
): void {
  for (let index = 0; index < length; index += 1) {
    const from = Math.max(index - radius, 0);
    const to = Math.min(index + radius, length - 1);
    let sum = 0;
    for (let other = from; other <= to; other += 1) {
      sum += source[start + other * stride];
    }
    target[start + index * stride] = sum / (to - from + 1);
  }
}
