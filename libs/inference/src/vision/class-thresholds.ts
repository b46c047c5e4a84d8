export interface ClassThresholdsConfig {
  /** The request's confidence: no class is accepted below it. */
  readonly floor: number;
  /** Extra thresholds keyed by class name or by class index written as a decimal string. */
  readonly perClass?: Readonly<Record<string, number>>;
  /** The model's class names, index = class index; needed for name keys. */
  readonly classNames?: readonly string[];
}

/**
 * Score thresholds per class: `max(floor, perClass[class])`. A key matching both a class name and
 * (as a number) another class applies to the named class; a class matched by several keys gets the
 * highest. Keys that match no class are ignored and listed in `unmatchedKeys` so callers can warn.
 */
export class ClassThresholds {
  readonly floor: number;
  readonly unmatchedKeys: readonly string[];
  private readonly byIndex = new Map<number, number>();

  constructor(config: ClassThresholdsConfig) {
    this.floor = assertProbability('confidence floor', config.floor);
    const unmatched: string[] = [];
    for (const [key, value] of Object.entries(config.perClass ?? {})) {
      const threshold = assertProbability(`threshold for class "${key}"`, value);
      const classIndex = resolveClassIndex(key, config.classNames);
      if (classIndex === undefined) {
        unmatched.push(key);
      } else {
        this.byIndex.set(classIndex, Math.max(threshold, this.byIndex.get(classIndex) ?? 0));
      }
    }
    this.unmatchedKeys = unmatched;
  }

  /** One threshold for every class. */
  static uniform(floor: number): ClassThresholds {
    return new ClassThresholds({ floor });
  }

  /** A candidate of this class is kept when its score is strictly greater than this value. */
  thresholdFor(classIndex: number): number {
    return Math.max(this.floor, this.byIndex.get(classIndex) ?? 0);
  }
}

function resolveClassIndex(key: string, classNames?: readonly string[]): number | undefined {
  const byName = classNames?.indexOf(key) ?? -1;
  if (byName >= 0) {
    return byName;
  }
  if (!/^(0|[1-9]\d*)$/.test(key)) {
    return undefined;
  }
  const index = Number(key);
  return classNames === undefined || index < classNames.length ? index : undefined;
}

function assertProbability(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  }
  return value;
}
