import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { config as loadDotenv } from 'dotenv';
import { EnvironmentVariables } from './environment.schema';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigValidationError';
  }
}

const describe = (error: ValidationError): string => {
  const reasons = Object.values(error.constraints ?? {});
  return reasons.length > 0 ? reasons.join('; ') : `${error.property} is invalid`;
};

/** Validates a raw environment (process.env or a test's map) and returns typed variables, or throws listing every problem. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const cleaned = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigValidationError(errors.map(describe));
  return env;
}

/** Reads `.env` (never overriding variables already set, skipped under NODE_ENV=test) and validates the result. */
export function loadEnvironment(): EnvironmentVariables {
  if (process.env.NODE_ENV !== 'test')
    loadDotenv({ path: process.env.ENV_FILE ?? '.env', quiet: true });
  return validateEnvironment(process.env);
}
