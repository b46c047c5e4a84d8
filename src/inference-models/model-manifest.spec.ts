import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeVersions, ModelManifestError, readModelManifest } from './model-manifest';

const folderWith = (manifest: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  writeFileSync(join(dir, 'manifest.json'), manifest);
  return dir;
};

describe('readModelManifest', () => {
  it('serves no models when there is no manifest', () => {
    expect(readModelManifest(mkdtempSync(join(tmpdir(), 'empty-')))).toEqual([]);
  });

  it('reads entries and defaults required to false', () => {
    const dir = folderWith(
      JSON.stringify({ models: [{ name: 'm', version: '1', file: 'm/1.onnx' }] }),
    );
    expect(readModelManifest(dir)).toEqual([
      { name: 'm', version: '1', file: 'm/1.onnx', required: false },
    ]);
  });

  it('names every problem: bad names, paths outside the folder, duplicates', () => {
    const dir = folderWith(
      JSON.stringify({
        models: [
          { name: 'Bad Name', version: '1', file: 'a.onnx' },
          { name: 'ok', version: '1', file: '../outside.onnx' },
          { name: 'ok2', version: '1', file: '/etc/passwd.onnx' },
          { name: 'dup', version: '1', file: 'd.onnx' },
          { name: 'dup', version: '1', file: 'd.onnx', required: 'yes' },
        ],
      }),
    );
    try {
      readModelManifest(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelManifestError);
      const message = (error as Error).message;
      expect(message).toContain('models[0].name');
      expect(message).toContain('models[1].file');
      expect(message).toContain('models[2].file');
      expect(message).toContain('models[4].required');
      expect(message).toContain('dup@1 is listed twice');
    }
  });

  it('accepts a storage key instead of a file, never both', () => {
    const ok = folderWith(
      JSON.stringify({ models: [{ name: 's', version: '1', storageKey: 'models/s/01.onnx' }] }),
    );
    expect(readModelManifest(ok)[0]).toMatchObject({
      storageKey: 'models/s/01.onnx',
      required: false,
    });
    const both = folderWith(
      JSON.stringify({ models: [{ name: 's', version: '1', file: 'a.onnx', storageKey: 'k' }] }),
    );
    expect(() => readModelManifest(both)).toThrow(
      'models[0] needs exactly one of file and storageKey',
    );
  });

  it('refuses malformed JSON with the file named', () => {
    expect(() => readModelManifest(folderWith('{nope'))).toThrow(
      /manifest\.json is not valid JSON/,
    );
  });
});

describe('activeVersions', () => {
  it('activates the version marked active, else the last listed', () => {
    const entry = (name: string, version: string, active?: boolean) => ({
      name,
      version,
      file: 'x.onnx',
      required: false,
      active,
    });
    const active = activeVersions([
      entry('a', '1'),
      entry('a', '2', true),
      entry('a', '3'),
      entry('b', '1'),
      entry('b', '2'),
    ]);
    expect(Object.fromEntries(active)).toEqual({ a: '2', b: '2' });
  });
});
