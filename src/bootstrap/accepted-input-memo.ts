import { getMetadataStorage } from 'class-validator';

type Dto = new () => object;
type Primitive = string | number | boolean | null | undefined;
type Flat = Record<string, Primitive>;

/** Inputs with more fields or longer text are validated every time (they are rarely repeated). */
const MAX_FIELDS = 16;
const MAX_KEY_LENGTH = 512;
/** Accepted inputs remembered per route parameter (a client repeats few distinct query strings or form fields). */
export const ACCEPTED_INPUT_MEMO_SIZE = 256;

const isPrimitive = (value: unknown): value is Primitive =>
  value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);

/**
 * A flat object of primitive values (any prototype: multer's fields have none). An input never holds `undefined`
 * (JSON, query strings and form fields cannot), so two inputs with the same text are the same input.
 */
const flatFields = (value: unknown, allowUndefined: boolean): Flat | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  const keys = Object.keys(fields);
  if (keys.length > MAX_FIELDS) return null;
  for (const key of keys) {
    const field = fields[key];
    if (!isPrimitive(field) || (field === undefined && !allowUndefined)) return null;
  }
  return fields as Flat;
};

/** Whether every rule of `dto` is synchronous (an async rule may consult the database or the clock). */
const hasOnlySyncRules = (dto: Dto): boolean => {
  const storage = getMetadataStorage();
  return storage
    .getTargetValidationMetadatas(dto, '', true, false)
    .every(
      (rule) =>
        rule.type !== 'nestedValidation' &&
        !(
          rule.constraintCls && storage.getTargetValidatorConstraints(rule.constraintCls)[0]?.async
        ),
    );
};

/**
 * The DTO instances the validation pipe accepted for a lean route's `@Body()` or `@Query()`, by the input's exact
 * text. A repeated input (the same form fields or query string) gets a fresh instance with the same fields without
 * going through class-transformer and class-validator again; what the pipe refused is never remembered, so errors
 * still come from the pipe. Only flat inputs whose accepted instance holds primitive values are remembered, and only
 * for DTOs whose rules are synchronous: validation must be a function of the input, as class-validator's rules and
 * this project's transforms are. Bounded: the oldest input is forgotten first.
 */
export class AcceptedInputMemo {
  private readonly accepted = new Map<string, Flat>();

  private constructor(private readonly dto: Dto) {}

  /** A memo for `dto`, or null when its validation could depend on more than the input. */
  static for(dto: Dto | undefined): AcceptedInputMemo | null {
    return dto && hasOnlySyncRules(dto) ? new AcceptedInputMemo(dto) : null;
  }

  /** The instance the pipe gave for this same input before, as a new object; null when not remembered. */
  recall(input: unknown): object | null {
    const key = this.keyOf(input);
    const fields = key === null ? undefined : this.accepted.get(key);
    return fields ? Object.assign(new this.dto(), fields) : null;
  }

  /** Remembers what the pipe accepted for `input` (when both are flat). */
  remember(input: unknown, instance: object): void {
    const key = this.keyOf(input);
    const fields = flatFields(instance, true);
    if (key === null || fields === null || !(instance instanceof this.dto)) return;
    if (this.accepted.size >= ACCEPTED_INPUT_MEMO_SIZE) {
      this.accepted.delete(this.accepted.keys().next().value as string);
    }
    this.accepted.set(key, { ...fields });
  }

  private keyOf(input: unknown): string | null {
    const fields = flatFields(input, false);
    if (fields === null) return null;
    const key = JSON.stringify(fields);
    return key.length <= MAX_KEY_LENGTH ? key : null;
  }
}
