import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
// class-transformer keeps its decorators' metadata here (typed in its types/ folder, not exported from the index).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

type Check = (value: unknown) => boolean;
type Dto = new () => object;

/**
 * The class-validator rules a compiled check reproduces exactly (same predicates as class-validator 0.14's
 * `isNumber`, `isInt`, `min`, `max`); a DTO using any other rule gets no compiled check.
 */
const RULES: Record<string, (constraints: unknown[]) => Check | null> = {
  isNumber: ([options]) => {
    const o = (options ?? {}) as {
      allowNaN?: boolean;
      allowInfinity?: boolean;
      maxDecimalPlaces?: number;
    };
    if (o.maxDecimalPlaces !== undefined) return null;
    return (v) =>
      typeof v === 'number' &&
      (Number.isFinite(v) || (Number.isNaN(v) ? !!o.allowNaN : !!o.allowInfinity));
  },
  isInt: () => (v) => typeof v === 'number' && Number.isInteger(v),
  min: ([min]) => (typeof min === 'number' ? (v) => typeof v === 'number' && v >= min : null),
  max: ([max]) => (typeof max === 'number' ? (v) => typeof v === 'number' && v <= max : null),
};

const hasTransformerRules = (dto: Dto, properties: string[]): boolean =>
  defaultMetadataStorage.getExposedMetadatas(dto).length > 0 ||
  defaultMetadataStorage.getExcludedMetadatas(dto).length > 0 ||
  properties.some(
    (p) =>
      defaultMetadataStorage.findTypeMetadata(dto, p) !== undefined ||
      defaultMetadataStorage.findTransformMetadatas(dto, p, 1).length > 0,
  );

/**
 * For a lean route's body DTO whose rules are all plain number checks, a check compiled once that recognises the
 * bodies the application's ValidationPipe (whitelist, forbidNonWhitelisted, transform) accepts, and returns the
 * DTO instance the pipe would: `new Dto()` with the body's fields. It answers only "accepted": anything it does
 * not accept goes through the pipe, which gives the error, so answers stay identical to the Nest route's. Returns
 * null for a DTO it cannot reproduce exactly (any other rule, optional or nested fields, class-transformer rules).
 */
export function compileAcceptedBodyCheck(dto: Dto): ((body: unknown) => object | null) | null {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const checks = new Map<string, Check[]>();
  for (const rule of metadata) {
    const compile = rule.type === 'customValidation' && rule.name ? RULES[rule.name] : undefined;
    const check = compile?.(rule.constraints ?? []);
    if (!check || rule.each || rule.always || (rule.groups?.length ?? 0) > 0) return null;
    checks.set(rule.propertyName, [...(checks.get(rule.propertyName) ?? []), check]);
  }
  const properties = [...checks.keys()];
  if (properties.length === 0 || hasTransformerRules(dto, properties)) return null;
  const rules = [...checks.entries()];
  return (body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    if (Object.getPrototypeOf(body) !== Object.prototype) return null;
    const fields = body as Record<string, unknown>;
    const keys = Object.keys(fields);
    if (keys.length !== rules.length) return null;
    for (const [property, propertyChecks] of rules) {
      if (!Object.prototype.hasOwnProperty.call(fields, property)) return null;
      for (const check of propertyChecks) if (!check(fields[property])) return null;
    }
    return Object.assign(new dto(), fields);
  };
}
