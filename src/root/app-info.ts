import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const findPackageJson = (): { name: string; version: string } => {
  for (const up of ['..', '../..', '../../..']) {
    try {
      return JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
      };
    } catch {
      // try the next level: the file sits at different depths in src/ and dist/src/
    }
  }
  return { name: 'ml-platform', version: '0.0.0' };
};

const pkg = findPackageJson();
export const APP_NAME = pkg.name;
export const APP_VERSION = pkg.version;
