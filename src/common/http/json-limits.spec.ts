import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, nulCharacterPath } from './json-limits';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts arrays and objects as levels, scalars as none', () => {
    expect(nestsDeeperThan(42, 0)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
  });

  it('accepts exactly the limit and refuses one more', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
  });

  it('measures a body far deeper than the call stack allows', () => {
    expect(nestsDeeperThan(JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`), 64)).toBe(
      true,
    );
  });

  it('finds the deep branch beside shallow ones', () => {
    expect(nestsDeeperThan({ wide: Array(1000).fill(1), deep: nested(70) }, 64)).toBe(true);
  });
});

describe('nulCharacterPath', () => {
  it('names the field whose string or key holds a NUL character', () => {
    expect(nulCharacterPath({ name: 'Jane Doe', items: [{ knr: 'ok' }] })).toBeUndefined();
    expect(nulCharacterPath({ name: 'a\u0000b' })).toBe('name');
    expect(nulCharacterPath({ items: [{ knr: 'ok' }, { knr: 'x\u0000' }] })).toBe('items.1.knr');
    expect(nulCharacterPath({ params: { 'k\u0000': 1 } })).toBe('params.k\u0000');
    expect(nulCharacterPath('\u0000')).toBe('(root)');
    expect(nulCharacterPath(42)).toBeUndefined();
  });
});
