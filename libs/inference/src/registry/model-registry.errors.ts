/** The model, or the requested version of it, is not loaded (or has no active version). */
export class UnknownModelError extends Error {
  constructor(
    readonly model: string,
    readonly version?: string,
  ) {
    super(
      version === undefined
        ? `Model "${model}" is not loaded or has no active version`
        : `Model "${model}" has no loaded version "${version}"`,
    );
    this.name = 'UnknownModelError';
  }
}

/** A version with this name is already loaded or being loaded. */
export class ModelVersionConflictError extends Error {
  constructor(
    readonly model: string,
    readonly version: string,
  ) {
    super(`Model "${model}" version "${version}" is already loaded or loading`);
    this.name = 'ModelVersionConflictError';
  }
}

/** Unloading the active version needs `force`. */
export class ActiveVersionUnloadError extends Error {
  constructor(
    readonly model: string,
    readonly version: string,
  ) {
    super(
      `Model "${model}" version "${version}" is active; activate another version or pass force`,
    );
    this.name = 'ActiveVersionUnloadError';
  }
}
