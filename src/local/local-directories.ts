import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** A path as the user would like to read it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), resolve(path));
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd)
    ? resolve(path)
    : fromCwd;
}

/**
 * Checks that every folder above `dir` lets other users pass through (execute bit for "other"),
 * as a server running under its own account needs.
 */
export async function ensureReachableByOthers(dir: string): Promise<void> {
  let current = resolve(dir);
  while (dirname(current) !== current) {
    current = dirname(current);
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL cannot run as root, so the embedded one runs as the "postgres" user, which cannot enter ` +
          `${current} (mode ${(mode & 0o777).toString(8)}). Either run npm start as a regular user, ` +
          `or let other users pass through that folder: chmod o+x ${current}, ` +
          'or set DATABASE_URL to use your own PostgreSQL.',
      );
    }
  }
}

/**
 * Creates `dir` (and missing parents) as 0755 whatever the umask, so that a server running
 * under another account can enter it; an existing `dir` is set to 0755 too.
 */
export async function createSharedDirectory(dir: string): Promise<void> {
  const target = resolve(dir);
  const firstCreated = await mkdir(target, { recursive: true });
  const chain: string[] = [target];
  let current = target;
  while (firstCreated !== undefined && current !== firstCreated && dirname(current) !== current) {
    current = dirname(current);
    chain.push(current);
  }
  for (const path of chain) await chmod(path, 0o755);
}
