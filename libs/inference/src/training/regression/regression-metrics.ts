/** R², mean absolute error and root mean squared error of predictions against actual values. */
export function regressionMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): { r2: number; mae: number; rmse: number } {
  const n = actual.length;
  if (n === 0 || predicted.length !== n)
    throw new RangeError(`metrics need equal, non-empty lists (${n} vs ${predicted.length})`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n;
  let absolute = 0;
  let squared = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const error = predicted[i] - actual[i];
    absolute += Math.abs(error);
    squared += error * error;
    total += (actual[i] - mean) ** 2;
  }
  return {
    r2: total > 0 ? 1 - squared / total : squared === 0 ? 1 : 0,
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
  };
}
