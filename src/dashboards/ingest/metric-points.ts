import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { FieldErrorDto } from '../../common/errors/error-response.dto';
import { MetricPointDto } from '../dto/metric-point.dto';
import { wellFormedPoint } from './well-formed-point';

/** At most this many problems are reported for one request (a bad batch of thousands stays readable). */
const MAX_REPORTED = 20;

export type PointsParse =
  { ok: true; points: MetricPointDto[] } | { ok: false; problems: FieldErrorDto[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `errorRate must not be greater than 1` at `points[3]` → `points[3].errorRate must not be greater than 1`. */
function problemsOf(errors: ValidationError[], prefix: string): FieldErrorDto[] {
  return errors.map((error) => {
    const field = `${prefix}${error.property}`;
    const messages = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation'
        ? `${field} should not exist`
        : message.startsWith(error.property)
          ? `${prefix}${message}`
          : `${field}: ${message}`,
    );
    return { field, messages };
  });
}

function parsePoint(value: unknown, prefix: string): MetricPointDto | FieldErrorDto[] {
  const wellFormed = wellFormedPoint(value);
  if (wellFormed) return wellFormed;
  const field = prefix.replace(/\.$/, '') || 'body';
  if (!isPlainObject(value)) return [{ field, messages: [`${field} must be an object`] }];
  const point = plainToInstance(MetricPointDto, value);
  const errors = validateSync(point, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0 ? point : problemsOf(errors, prefix);
}

/**
 * Reads an ingest body: one point, or `{points: [...]}` with 1 to `maxBatch` points. Every point is validated with
 * the rules of `MetricPointDto`; a problem names the point's index and field (`points[3].errorRate must not be
 * greater than 1`), so a client can find it in a batch of thousands.
 */
export function parseMetricPoints(body: unknown, maxBatch: number): PointsParse {
  if (isPlainObject(body) && 'points' in body) {
    const extra = Object.keys(body).filter((key) => key !== 'points');
    if (extra.length > 0)
      return {
        ok: false,
        problems: extra.map((f) => ({ field: f, messages: [`${f} should not exist`] })),
      };
    const { points } = body;
    if (!Array.isArray(points) || points.length < 1 || points.length > maxBatch) {
      const message = `points must be an array of 1 to ${maxBatch} metric points`;
      return { ok: false, problems: [{ field: 'points', messages: [message] }] };
    }
    const parsed: MetricPointDto[] = [];
    const problems: FieldErrorDto[] = [];
    for (let index = 0; index < points.length && problems.length < MAX_REPORTED; index++) {
      const result = parsePoint(points[index], `points[${index}].`);
      if (Array.isArray(result)) problems.push(...result);
      else parsed.push(result);
    }
    return problems.length > 0
      ? { ok: false, problems: problems.slice(0, MAX_REPORTED) }
      : { ok: true, points: parsed };
  }
  const single = parsePoint(body, '');
  return Array.isArray(single) ? { ok: false, problems: single } : { ok: true, points: [single] };
}
