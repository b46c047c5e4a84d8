import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { AiModel } from '../entities/ai-model.entity';

const describe = (error: ErrorObject): string => {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '';
  if (error.keyword === 'additionalProperties')
    return `unknown parameter ${String(error.params.additionalProperty)}`;
  if (error.keyword === 'required')
    return `missing parameter ${String(error.params.missingProperty)}`;
  return `${where} ${error.message ?? 'is invalid'}`.trim();
};

/** Merges a job's parameters over its model's defaults and validates them against the model's JSON Schema. */
@Injectable()
export class JobParamsValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  merge(model: AiModel, params: Record<string, unknown>): Record<string, unknown> {
    const merged = { ...model.defaultParams, ...params };
    const validate = this.validatorFor(model);
    if (!validate(merged)) {
      const problems = (validate.errors ?? []).map(describe);
      throw new UnprocessableEntityException({
        message: `Invalid input_params for ${model.id}: ${problems.join('; ')}`,
        details: (validate.errors ?? []).map((e) => ({
          field: `input_params${e.instancePath.replace(/\//g, '.')}`,
          messages: [describe(e)],
        })),
      });
    }
    return merged;
  }

  private validatorFor(model: AiModel): ValidateFunction {
    const key = `${model.id}\u0000${JSON.stringify(model.paramSchema)}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(model.paramSchema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
