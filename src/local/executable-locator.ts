import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Splits a PATH-style value into its directories, dropping empty entries. */
export function pathDirectories(pathValue: string | undefined = process.env.PATH): string[] {
  return (pathValue ?? '').split(delimiter).filter((entry) => entry !== '');
}

async function isExecutableFile(candidate: string): Promise<boolean> {
  try {
    const info = await stat(candidate);
    if (!info.isFile()) return false;
    await access(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `directory/name` that is an executable file, searching in order; undefined if none. */
export async function findExecutable(
  name: string,
  directories: readonly string[],
): Promise<string | undefined> {
  for (const directory of directories) {
    const candidate = join(directory, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
