import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClassThresholdFileError,
  parseClassThresholdFile,
  readClassThresholdFile,
  thresholdsByClass,
  unknownClassEntries,
} from './class-threshold-file';

describe('class thresholds file', () => {
  it('gives every class of the model its own threshold or the default', () => {
    const file = parseClassThresholdFile({ default: 0.5, classes: { pliers: 0.6, drill: 0.7 } });
    expect(thresholdsByClass(file, ['hammer', 'pliers'])).toEqual({ hammer: 0.5, pliers: 0.6 });
    expect(unknownClassEntries(file, ['hammer', 'pliers'])).toEqual(['drill']);
  });

  it('allows the classes to be left out', () => {
    expect(parseClassThresholdFile({ default: 0.25 })).toEqual({ default: 0.25, classes: {} });
  });

  it('names every problem', () => {
    expect(() =>
      parseClassThresholdFile({ default: 2, classes: { a: -1, b: '0.5' }, extra: 1 }, 'x.json'),
    ).toThrow(
      'x.json: "default" must be a number between 0 and 1; "classes.a" must be a number between 0 and 1; ' +
        '"classes.b" must be a number between 0 and 1; unknown keys: extra',
    );
    expect(() => parseClassThresholdFile([])).toThrow(ClassThresholdFileError);
  });

  it('reads a file and refuses broken JSON with the path named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thresholds-'));
    writeFileSync(join(dir, 'ok.json'), '{"default": 0.4, "classes": {"hammer": 0.45}}');
    writeFileSync(join(dir, 'bad.json'), '{"default": ');
    expect(readClassThresholdFile(join(dir, 'ok.json')).classes).toEqual({ hammer: 0.45 });
    expect(() => readClassThresholdFile(join(dir, 'bad.json'))).toThrow(/bad\.json: /);
  });
});
