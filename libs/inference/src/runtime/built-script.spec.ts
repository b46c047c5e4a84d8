import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtScript } from './built-script';

describe('builtScript', () => {
  const root = mkdtempSync(join(tmpdir(), 'built-script-'));
  const touch = (path: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the script beside a compiled module, else the built copy of a source module', () => {
    touch('dist/src/jobs/work.js');
    expect(builtScript(join(root, 'dist/src/jobs'), 'src/jobs', 'work.js', 'work')).toBe(
      join(root, 'dist/src/jobs/work.js'),
    );
    expect(builtScript(join(root, 'src/jobs'), 'src/jobs', 'work.js', 'work')).toBe(
      join(root, 'dist/src/jobs/work.js'),
    );
  });

  it('names the script and the places it looked when there is none', () => {
    expect(() =>
      builtScript(join(root, 'src/jobs'), 'src/jobs', 'gone.js', 'the gone script'),
    ).toThrow(
      /the gone script not found \(tried .*src\/jobs\/gone\.js, .*dist\/src\/jobs\/gone\.js\); run npm run build/,
    );
  });
});
