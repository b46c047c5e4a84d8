import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm in this checkout', () => {
  it('runs without warnings about the project .npmrc', () => {
    const result = spawnSync('npm', ['pkg', 'get', 'name'], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('"ml-platform"');
    expect(result.stderr).not.toMatch(/npm warn/i);
  });
});
