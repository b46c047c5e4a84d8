import { Injectable } from '@nestjs/common';
import { newId } from '@app/database';
import { InvalidObjectKeyError } from './storage.errors';

const MAX_KEY_LENGTH = 512;
const MAX_SEGMENT_LENGTH = 200;
const MAX_NAME_LENGTH = 100;
const MAX_EXTENSION_LENGTH = 16;
/** One path segment: starts with a letter, digit or underscore (so never `.` or `..`), then `[A-Za-z0-9._-]`. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const AREA_SEGMENT = /^[a-z0-9][a-z0-9_-]*$/;

const reasonAgainst = (segment: string): string | undefined => {
  if (segment === '') return 'empty path segment (leading, trailing or double slash)';
  if (segment === '.' || segment === '..') return `"${segment}" segment (path traversal)`;
  if (segment.length > MAX_SEGMENT_LENGTH) return `segment longer than ${MAX_SEGMENT_LENGTH}`;
  if (!SEGMENT.test(segment))
    return 'segments may only contain letters, digits, ".", "_" and "-", and must not start with "." or "-"';
  return undefined;
};

/**
 * Object keys are made by the server, never taken from a client: `<area>/<uuidv7>/<sanitised-name>`. Every
 * key that reaches a driver is checked here, so no `..`, absolute path, backslash, NUL or percent-encoded
 * sequence can ever become a filesystem path or escape a prefix.
 */
@Injectable()
export class ObjectKeys {
  /** A new key for a file named `filename` (only its last path component is kept, cleaned) under `area`. */
  generate(area: string, filename: string): string {
    for (const segment of area.split('/')) {
      if (!AREA_SEGMENT.test(segment)) {
        throw new InvalidObjectKeyError(
          area,
          'areas are lower-case segments like "uploads/images"',
        );
      }
    }
    return this.assertValid(`${area}/${newId()}/${this.sanitiseName(filename)}`);
  }

  /** A file name safe as one key segment and in a Content-Disposition header; `file` when nothing is left. */
  sanitiseName(filename: string): string {
    const base = filename.split(/[\\/]/).pop() ?? '';
    const cleaned = base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^-+/, '')
      .replace(/[.-]+$/, '');
    // A name that was all extension (".png", or non-Latin letters before it) keeps the extension.
    const name = cleaned === '' ? 'file' : cleaned.startsWith('.') ? `file${cleaned}` : cleaned;
    if (name.length <= MAX_NAME_LENGTH) return name;
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH ? name.slice(dot) : '';
    return name.slice(0, MAX_NAME_LENGTH - extension.length).replace(/[.-]+$/, '') + extension;
  }

  /** Returns the key unchanged, or throws `InvalidObjectKeyError` naming the problem. */
  assertValid(key: string): string {
    const reason = this.problemWithKey(key);
    if (reason) throw new InvalidObjectKeyError(key, reason);
    return key;
  }

  isValid(key: string): boolean {
    return this.problemWithKey(key) === undefined;
  }

  /** A listing prefix: whole valid segments, optionally followed by the start of one (`jobs/01`, `jobs/`). */
  assertValidPrefix(prefix: string): string {
    if (prefix === '') return prefix;
    const reason =
      this.problemWithCharacters(prefix, MAX_KEY_LENGTH) ??
      this.problemWithSegments(prefix.split('/').slice(0, -1)) ??
      (() => {
        const last = prefix.slice(prefix.lastIndexOf('/') + 1);
        return last === '' ? undefined : reasonAgainst(last);
      })();
    if (reason) throw new InvalidObjectKeyError(prefix, reason);
    return prefix;
  }

  /** The segments of a valid key, for drivers that map keys to paths. */
  segmentsOf(key: string): string[] {
    return this.assertValid(key).split('/');
  }

  private problemWithKey(key: string): string | undefined {
    return (
      this.problemWithCharacters(key, MAX_KEY_LENGTH) ?? this.problemWithSegments(key.split('/'))
    );
  }

  private problemWithCharacters(value: string, maxLength: number): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return 'empty';
    if (value.length > maxLength) return `longer than ${maxLength} characters`;
    if (value.includes('\0')) return 'contains NUL';
    if (value.includes('\\')) return 'contains a backslash';
    if (value.includes('%')) return 'contains "%" (percent-encoded sequences are refused)';
    if (value.startsWith('/')) return 'absolute path';
    return undefined;
  }

  private problemWithSegments(segments: string[]): string | undefined {
    for (const segment of segments) {
      const reason = reasonAgainst(segment);
      if (reason) return reason;
    }
    return undefined;
  }
}
