import { describe, expect, it } from 'vitest';
import { ObjectKeys } from './object-keys';
import { InvalidObjectKeyError } from './storage.errors';

const UUID_V7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

describe('ObjectKeys', () => {
  const keys = new ObjectKeys();

  describe('generate', () => {
    it('builds <area>/<uuidv7>/<sanitised-name>, unique per call', () => {
      const a = keys.generate('uploads', 'Photo of me.PNG');
      const b = keys.generate('uploads', 'Photo of me.PNG');
      expect(a).toMatch(new RegExp(`^uploads/${UUID_V7}/Photo-of-me\\.PNG$`));
      expect(a).not.toEqual(b);
    });

    it('accepts nested lower-case areas and refuses anything else as an area', () => {
      expect(keys.generate('jobs/outputs', 'mesh.glb')).toMatch(
        /^jobs\/outputs\/[^/]+\/mesh\.glb$/,
      );
      for (const area of ['', '..', 'Up', 'a//b', '/abs', 'a/../b', 'a b', 'x\0']) {
        expect(() => keys.generate(area, 'f.png'), area).toThrow(InvalidObjectKeyError);
      }
    });

    it('keeps only the last component of a client path', () => {
      for (const name of ['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\passwd', 'a/b/passwd']) {
        expect(keys.generate('uploads', name), name).toMatch(/\/passwd$/);
      }
    });
  });

  describe('sanitiseName', () => {
    it.each([
      ['photo.png', 'photo.png'],
      ['ma photo été.jpeg', 'ma-photo-ete.jpeg'],
      ['..', 'file'],
      ['', 'file'],
      ['...hidden', 'file.hidden'],
      ['a%2e%2e%2fb', 'a-2e-2e-2fb'],
      ['evil\0name.png', 'evil-name.png'],
      ['quote"and;semi.txt', 'quote-and-semi.txt'],
      ['line\r\nbreak.txt', 'line-break.txt'],
      ['trailing.', 'trailing'],
      ['tab\tname', 'tab-name'],
      ['файл.png', 'file.png'],
      ['-_x-', '_x'],
    ])('%j → %j', (input, expected) => {
      expect(keys.sanitiseName(input)).toBe(expected);
    });

    it('shortens long names to 100 characters, keeping the extension', () => {
      const name = keys.sanitiseName(`${'x'.repeat(300)}.tar.gz`);
      expect(name).toHaveLength(100);
      expect(name.endsWith('.gz')).toBe(true);
    });

    it('always yields a valid key segment', () => {
      for (const input of ['-', '_x', '.x', '\u0000', '😀.png', '  spaced  ']) {
        expect(() => keys.assertValid(`a/${keys.sanitiseName(input)}`), input).not.toThrow();
      }
    });
  });

  describe('assertValid', () => {
    it('accepts server-made keys', () => {
      for (const key of [
        'a',
        'uploads/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/photo.png',
        'x/y_z/1.2',
      ]) {
        expect(keys.assertValid(key)).toBe(key);
      }
    });

    it.each([
      ['parent segment', 'uploads/../secret'],
      ['leading parent', '../etc/passwd'],
      ['only parent', '..'],
      ['current segment', 'uploads/./x'],
      ['absolute path', '/etc/passwd'],
      ['NUL byte', 'uploads/a\0.png'],
      ['percent-encoded traversal', 'uploads/%2e%2e/secret'],
      ['percent-encoded slash', 'uploads%2f..%2fsecret'],
      ['backslash traversal', 'uploads\\..\\secret'],
      ['double slash', 'uploads//x'],
      ['trailing slash', 'uploads/x/'],
      ['empty', ''],
      ['hidden segment', 'uploads/.env'],
      ['space', 'uploads/a b'],
      ['newline', 'uploads/a\nb'],
      ['too long', `a/${'x'.repeat(600)}`],
      ['unicode', 'uploads/é'],
    ])('refuses %s', (_reason, key) => {
      expect(() => keys.assertValid(key)).toThrow(InvalidObjectKeyError);
      expect(keys.isValid(key)).toBe(false);
    });

    it('names the problem in the message', () => {
      expect(() => keys.assertValid('a/../b')).toThrow(/path traversal/);
      expect(() => keys.assertValid('/a')).toThrow(/absolute path/);
      expect(() => keys.assertValid('a\0')).toThrow(/NUL/);
      expect(() => keys.assertValid('a%2e')).toThrow(/percent-encoded/);
    });
  });

  describe('assertValidPrefix', () => {
    it('accepts whole segments and the start of one', () => {
      for (const prefix of ['', 'jobs', 'jobs/', 'jobs/0193', 'jobs/0193b1f2/']) {
        expect(keys.assertValidPrefix(prefix)).toBe(prefix);
      }
    });

    it('refuses traversal and absolute prefixes', () => {
      for (const prefix of ['../', 'jobs/../', '/jobs', 'jobs//', 'jobs/..', '%2e%2e/', 'a\0']) {
        expect(() => keys.assertValidPrefix(prefix), prefix).toThrow(InvalidObjectKeyError);
      }
    });
  });
});
