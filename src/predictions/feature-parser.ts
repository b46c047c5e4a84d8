import type { FieldErrorDto } from '../common/errors/error-response.dto';
import type { Parsed } from '../common/http/lean-route';
import { FEATURE_NAMES, VEHICLE_FEATURES } from './vehicle-features';
import type { FeatureRow } from './vehicle-quality.model';

const ALLOWED = new Set<string>(FEATURE_NAMES);

/**
 * The rules of FeaturesDto (a finite number within each feature's bounds, no other field) without class-validator,
 * for the scoring hot path; the messages are class-validator's, and a unit test keeps the two in agreement.
 */
export function parseFeatures(body: unknown): Parsed<FeatureRow> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { problems: [{ field: 'body', messages: ['the request body must be a JSON object'] }] };
  }
  const input = body as Record<string, unknown>;
  const problems: FieldErrorDto[] = [];
  for (const key of Object.keys(input)) {
    if (!ALLOWED.has(key))
      problems.push({ field: key, messages: [`property ${key} should not exist`] });
  }
  const row: number[] = [];
  for (const name of FEATURE_NAMES) {
    const value = input[name];
    const { min, max } = VEHICLE_FEATURES[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({
        field: name,
        messages: [`${name} must be a number conforming to the specified constraints`],
      });
    } else if (value < min) {
      problems.push({ field: name, messages: [`${name} must not be less than ${min}`] });
    } else if (value > max) {
      problems.push({ field: name, messages: [`${name} must not be greater than ${max}`] });
    }
    row.push(value as number);
  }
  return problems.length > 0 ? { problems } : { value: row as unknown as FeatureRow };
}
