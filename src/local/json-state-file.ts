import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A small JSON document a launcher keeps beside its data (password, port, owner pid).
 * `parse` validates what was read; an unreadable or invalid file counts as absent.
 */
export class JsonStateFile<T> {
  constructor(
    readonly path: string,
    private readonly parse: (raw: unknown) => T | undefined,
  ) {}

  async read(): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return this.parse(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  /** Writes readable by the owner only: the document may hold a password. */
  async write(value: T): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(this.path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/** Reads an optional positive integer field from a parsed JSON object. */
export function optionalPositiveInt(
  record: Record<string, unknown>,
  key: string,
): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
