/** A single-target linear regressor: y = coefficients·x + intercept. */
export interface LinearModel {
  coefficients: readonly number[];
  intercept: number;
}

/** Evaluates the linear model on one row, in float64. */
export function evaluateLinear(model: LinearModel, features: ArrayLike<number>): number {
  if (features.length !== model.coefficients.length) {
    throw new Error(
      `Linear model expects ${model.coefficients.length} features, got ${features.length}`,
    );
  }
  let sum = model.intercept;
  for (let i = 0; i < model.coefficients.length; i++) sum += model.coefficients[i] * features[i];
  return sum;
}
