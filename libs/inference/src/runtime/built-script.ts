import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The compiled script `file` of a worker thread, kept beside the module that starts it: found beside that module
 * when it runs from dist/, or (when it runs from source, as in tests) as the built copy under dist/ — `npm run
 * build` first. `dirname` is the module's `__dirname`; `sourceDir` its folder from the repository root (e.g.
 * `src/realty/training`); `what` names the script in the error.
 */
export function builtScript(
  dirname: string,
  sourceDir: string,
  file: string,
  what: string,
): string {
  const root = resolve(dirname, ...sourceDir.split('/').map(() => '..'));
  const candidates = [join(dirname, file), join(root, 'dist', sourceDir, file)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(`${what} not found (tried ${candidates.join(', ')}); run npm run build`);
  return found;
}
