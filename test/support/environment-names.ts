import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from '../../src/config';

/** Every variable src/config/environment.schema.ts declares (each has at least one validation decorator). */
export function knownEnvironmentVariables(): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
}
