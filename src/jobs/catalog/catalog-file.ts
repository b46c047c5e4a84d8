import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_ID_PATTERN } from '../../common/validation/validators';
import { APP_ROOT } from '../../config/app-root';
import { ModelKind, ModelRunner } from '../entities/ai-model.entity';

export interface CatalogEntry {
  id: string;
  name: string;
  kind: ModelKind;
  runner: ModelRunner;
  enabled: boolean;
  default_params: Record<string, unknown>;
  param_schema: Record<string, unknown>;
}

/** The model catalogue as shipped in seeds/ai_models.json, checked for the fields every entry needs. */
export function readCatalogFile(path = join(APP_ROOT, 'seeds', 'ai_models.json')): CatalogEntry[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { models?: CatalogEntry[] };
  const entries = parsed.models ?? [];
  for (const [i, entry] of entries.entries()) {
    const problems = [
      typeof entry.id === 'string' && CATALOGUE_ID_PATTERN.test(entry.id) ? '' : 'id',
      Object.values(ModelKind).includes(entry.kind) ? '' : 'kind',
      Object.values(ModelRunner).includes(entry.runner) ? '' : 'runner',
      typeof entry.default_params === 'object' ? '' : 'default_params',
      typeof entry.param_schema === 'object' ? '' : 'param_schema',
    ].filter(Boolean);
    if (problems.length > 0)
      throw new Error(`${path}: models[${i}] has an invalid ${problems.join(', ')}`);
  }
  return entries;
}
