import { isUuid } from '@app/database';
import { STORABLE_DATE_RANGE } from '../../common/validation/postgres-ranges';
import { MetricPointDto } from '../dto/metric-point.dto';
import { METRIC_FIELDS, METRIC_LIMITS, METRIC_PERIODS } from '../metric-fields';

const OPTIONAL = new Set(['dashboardId', 'timestamp', 'period']);
const PERIODS: readonly unknown[] = METRIC_PERIODS;

/**
 * The common case of a point, recognised without class-validator (which costs ~15 µs a point, the larger part of
 * a 5,000-point batch): a plain object with the five values as finite numbers within `METRIC_LIMITS`, and optional
 * `dashboardId` (a UUID string), `timestamp` (an ISO 8601 string within the storable range) and `period` — the same
 * constants the DTO's decorators use. Returns what validating `MetricPointDto` would, or null for anything else,
 * which then goes through class-validator and gets its error messages (a unit spec compares the two).
 */
export function wellFormedPoint(value: unknown): MetricPointDto | null {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return null;
  const fields = value as Record<string, unknown>;
  let present = 0;
  for (const key in fields) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) return null;
    if (!OPTIONAL.has(key)) present++;
  }
  if (present !== METRIC_FIELDS.length) return null;
  const point = new MetricPointDto();
  for (const field of METRIC_FIELDS) {
    const number = fields[field];
    const [min, max] = METRIC_LIMITS[field];
    if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max)
      return null;
    point[field] = number;
  }
  const { dashboardId, timestamp, period } = fields;
  if (dashboardId !== undefined) {
    if (typeof dashboardId !== 'string' || !isUuid(dashboardId)) return null;
    point.dashboardId = dashboardId;
  }
  if (timestamp !== undefined) {
    if (typeof timestamp !== 'string') return null;
    const date = new Date(timestamp);
    const time = date.getTime();
    if (
      Number.isNaN(time) ||
      time < STORABLE_DATE_RANGE.min.getTime() ||
      time > STORABLE_DATE_RANGE.max.getTime()
    )
      return null;
    point.timestamp = date;
  }
  if (period !== undefined) {
    if (!PERIODS.includes(period)) return null;
    point.period = period as MetricPointDto['period'];
  }
  return point;
}
