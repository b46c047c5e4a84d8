import { BadRequestException } from '@nestjs/common';

/** A cursor: base64url of a JSON array holding the sort values of the last item of a page. */
export const PAGE_CURSOR_PATTERN = /^[A-Za-z0-9_-]{2,1024}$/;

export type CursorValue = string | number | boolean | null;

const invalid = (): BadRequestException =>
  new BadRequestException(['cursor must be the nextCursor of a previous page of this list']);

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The `count` sort values of a cursor; a cursor of another list or a forged one is a 400. */
export function decodeCursor(cursor: string, count: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const scalar = (value: unknown): value is CursorValue =>
    value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (!Array.isArray(values) || values.length !== count || !values.every(scalar)) throw invalid();
  return values;
}

export const invalidCursor = invalid;
