import { readFileSync } from 'node:fs';

/** `thresholds.json` beside the detector: a default and optional per-class score thresholds (0..1). */
export interface ClassThresholdFile {
  readonly default: number;
  readonly classes: Readonly<Record<string, number>>;
}

export class ClassThresholdFileError extends Error {}

const isProbability = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/** Validates the parsed JSON of a thresholds file; every problem is named. */
export function parseClassThresholdFile(
  json: unknown,
  source = 'thresholds file',
): ClassThresholdFile {
  const problems: string[] = [];
  const file = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (!isProbability(file.default)) problems.push('"default" must be a number between 0 and 1');
  const classes = file.classes ?? {};
  if (typeof classes !== 'object' || classes === null || Array.isArray(classes)) {
    problems.push('"classes" must be an object of class name to threshold');
  } else {
    for (const [name, value] of Object.entries(classes)) {
      if (!isProbability(value))
        problems.push(`"classes.${name}" must be a number between 0 and 1`);
    }
  }
  const unknownKeys = Object.keys(file).filter((key) => key !== 'default' && key !== 'classes');
  if (unknownKeys.length > 0) problems.push(`unknown keys: ${unknownKeys.join(', ')}`);
  if (problems.length > 0) throw new ClassThresholdFileError(`${source}: ${problems.join('; ')}`);
  return { default: file.default as number, classes: classes as Record<string, number> };
}

/** Reads and validates a thresholds file. */
export function readClassThresholdFile(path: string): ClassThresholdFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ClassThresholdFileError(`${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseClassThresholdFile(json, path);
}

/**
 * The threshold of every class the model knows: its own entry, else the file's default. The result
 * is keyed by class name, ready for `ClassThresholds` (which applies the request's confidence as a floor).
 */
export function thresholdsByClass(
  file: ClassThresholdFile,
  classNames: readonly string[],
): Record<string, number> {
  return Object.fromEntries(classNames.map((name) => [name, file.classes[name] ?? file.default]));
}

/** Entries of the file naming no class of the model (a typo, or a class of another model version). */
export function unknownClassEntries(
  file: ClassThresholdFile,
  classNames: readonly string[],
): string[] {
  return Object.keys(file.classes).filter((name) => !classNames.includes(name));
}
