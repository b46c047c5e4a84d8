import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { PAGE_CURSOR_PATTERN, decodeCursor, encodeCursor } from './page-cursor';

describe('page cursors', () => {
  it('round-trip the sort values of a row in a URL-safe form', () => {
    const values = ['2026-11-30T06:00:00.000Z', 0.25, '0193a1b2-0000-7000-8000-000000000001'];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(PAGE_CURSOR_PATTERN);
    expect(decodeCursor(cursor, 3)).toEqual(values);
  });

  it('refuse what no page handed out: not base64 JSON, not an array, wrong length, nested values', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of ['%%', 'bm90IGpzb24', forged({ a: 1 }), forged([1]), forged([[1], 2])])
      expect(() => decodeCursor(cursor, 2)).toThrow(BadRequestException);
  });
});
