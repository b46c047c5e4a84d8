import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable, pathDirectories } from './executable-locator';

describe('findExecutable', () => {
  let root: string;
  const dir = (name: string): string => join(root, name);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'locator-'));
    for (const name of ['plain', 'first', 'second', 'folder/tool'])
      await mkdir(dir(name), { recursive: true });
    await writeFile(join(dir('plain'), 'tool'), 'not executable');
    await chmod(join(dir('plain'), 'tool'), 0o644);
    for (const name of ['first', 'second']) {
      await writeFile(join(dir(name), 'tool'), '#!/bin/sh\n');
      await chmod(join(dir(name), 'tool'), 0o755);
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('returns the first executable file in search order', async () => {
    const found = await findExecutable('tool', [dir('missing'), dir('first'), dir('second')]);
    expect(found).toBe(join(dir('first'), 'tool'));
  });

  it('skips files without the executable bit and folders with the same name', async () => {
    expect(await findExecutable('tool', [dir('plain'), dir('folder')])).toBeUndefined();
    expect(await findExecutable('tool', [dir('plain'), dir('second')])).toBe(
      join(dir('second'), 'tool'),
    );
  });

  it('finds nothing in an empty search list', async () => {
    expect(await findExecutable('tool', [])).toBeUndefined();
  });
});

describe('pathDirectories', () => {
  it('splits a PATH value and drops empty entries', () => {
    expect(pathDirectories(['/usr/bin', '', '/bin'].join(delimiter))).toEqual(['/usr/bin', '/bin']);
    expect(pathDirectories('')).toEqual([]);
  });
});
