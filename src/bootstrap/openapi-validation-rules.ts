import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Schema = Record<string, unknown>;

/** What one class-validator rule enforces, as OpenAPI schema keywords (rules with `each` apply to items: skipped). */
const RULES: Record<string, (constraints: unknown[]) => Schema> = {
  isInt: () => ({ type: 'integer' }),
  min: ([value]) => ({ minimum: value }),
  max: ([value]) => ({ maximum: value }),
  isIn: ([values]) => ({ enum: values }),
  arrayMinSize: ([value]) => ({ minItems: value }),
  arrayMaxSize: ([value]) => ({ maxItems: value }),
  minLength: ([value]) => ({ minLength: value }),
  maxLength: ([value]) => ({ maxLength: value }),
  isLength: ([min, max]) => ({ minLength: min, ...(max !== undefined ? { maxLength: max } : {}) }),
};

const schemaOf = (rules: ValidationMetadata[]): Schema => {
  const schema: Schema = {};
  for (const rule of rules) {
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION && rule.name === 'isOptional') {
      schema.required = false;
    } else if (!rule.each && rule.name !== undefined && RULES[rule.name]) {
      Object.assign(schema, RULES[rule.name](rule.constraints ?? []));
    }
  }
  return schema;
};

/** The validated classes and their rules; class-validator keeps them in one map, which it offers no way to list. */
const validatedClasses = (): Map<object, ValidationMetadata[]> => {
  const rules = (getMetadataStorage() as unknown as { validationMetadatas?: unknown })
    .validationMetadatas;
  if (!(rules instanceof Map)) throw new Error('class-validator metadata storage is unreadable');
  return rules as Map<object, ValidationMetadata[]>;
};

/**
 * Documents what the validation pipe enforces: the Swagger plugin reads types and literal arguments, but not
 * `@IsInt`, `@IsOptional` on a property with a default, `@ArrayMaxSize`, or bounds given as constants
 * (`@Max(MAX_PAGE_SIZE)`, `@IsIn(SORTABLE)`). This adds them to every validated DTO's schema, so the schema
 * and the validator say the same thing. Idempotent; run before the document is built.
 */
export function documentValidationRules(): void {
  for (const [target, rules] of validatedClasses()) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of rules) {
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    }
    for (const [property, propertyRules] of byProperty) {
      const schema = schemaOf(propertyRules);
      if (Object.keys(schema).length === 0) continue;
      ApiProperty(schema as ApiPropertyOptions)(target.prototype as object, property);
    }
  }
}
