import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { VERSION_LABEL_PATTERN } from '../common/validation/validators';

/** One model version the process loads at start, as listed in `<MODELS_DIR>/manifest.json`. */
export interface ModelManifestEntry {
  /** Registry name, e.g. `vehicle-quality`. */
  name: string;
  version: string;
  /** ONNX file, relative to MODELS_DIR (or give `storageKey`). */
  file?: string;
  /** Object key of the ONNX file in the configured storage, instead of `file`. */
  storageKey?: string;
  /** Readiness fails while a required model is not loaded and answering. */
  required: boolean;
  /** Make this the active version (default: the last listed version of the name). */
  active?: boolean;
}

export class ModelManifestError extends Error {}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const entryProblems = (entry: Record<string, unknown>, index: number): string[] => {
  const at = `models[${index}]`;
  const problems: string[] = [];
  if (typeof entry.name !== 'string' || !NAME.test(entry.name))
    problems.push(`${at}.name must be lowercase letters, digits, . _ -`);
  if (typeof entry.version !== 'string' || !VERSION_LABEL_PATTERN.test(entry.version))
    problems.push(`${at}.version is missing or invalid`);
  const { file, storageKey } = entry;
  if ((file === undefined) === (storageKey === undefined)) {
    problems.push(`${at} needs exactly one of file and storageKey`);
  }
  const badFile =
    typeof file !== 'string' ||
    !file.endsWith('.onnx') ||
    isAbsolute(file) ||
    normalize(file).split(sep).includes('..');
  if (file !== undefined && badFile) {
    problems.push(`${at}.file must be a relative path to an .onnx file inside MODELS_DIR`);
  }
  if (storageKey !== undefined && (typeof storageKey !== 'string' || storageKey.length === 0)) {
    problems.push(`${at}.storageKey must be an object key`);
  }
  if (entry.required !== undefined && typeof entry.required !== 'boolean')
    problems.push(`${at}.required must be true or false`);
  if (entry.active !== undefined && typeof entry.active !== 'boolean')
    problems.push(`${at}.active must be true or false`);
  return problems;
};

/** Reads and validates the manifest; a folder without one serves no models. */
export function readModelManifest(modelsDir: string): ModelManifestEntry[] {
  const path = join(modelsDir, 'manifest.json');
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelManifestError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const models = (parsed as { models?: unknown })?.models;
  if (!Array.isArray(models)) throw new ModelManifestError(`${path} must be {"models": [...]}`);
  const problems = models.flatMap((entry, index) =>
    typeof entry === 'object' && entry !== null
      ? entryProblems(entry as Record<string, unknown>, index)
      : [`models[${index}] must be an object`],
  );
  const seen = new Set<string>();
  for (const entry of models as ModelManifestEntry[]) {
    const id = `${entry.name}@${entry.version}`;
    if (seen.has(id)) problems.push(`${id} is listed twice`);
    seen.add(id);
  }
  if (problems.length > 0) throw new ModelManifestError(`${path}: ${problems.join('; ')}`);
  return (models as ModelManifestEntry[]).map((entry) => ({
    ...entry,
    required: entry.required ?? false,
  }));
}

/** Per model name, the version to activate: the one marked `active`, else the last one listed. */
export function activeVersions(entries: ModelManifestEntry[]): Map<string, string> {
  const active = new Map<string, string>();
  for (const entry of entries)
    if (!entries.some((e) => e.name === entry.name && e.active))
      active.set(entry.name, entry.version);
  for (const entry of entries) if (entry.active) active.set(entry.name, entry.version);
  return active;
}
