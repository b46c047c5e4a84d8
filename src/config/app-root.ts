import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding the application's package.json (the repository root, or /app in the image). */
const findAppRoot = (): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'))) return dir;
  }
  return process.cwd();
};

export const APP_ROOT = findAppRoot();

const pkg = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
export const APP_NAME = pkg.name;
export const APP_VERSION = pkg.version;
