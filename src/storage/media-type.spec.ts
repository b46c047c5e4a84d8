import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { normaliseContentType } from './media-type';

describe('normaliseContentType', () => {
  it.each([
    ['image/png', 'image/png'],
    ['  Image/PNG ', 'image/png'],
    ['text/csv;charset=UTF-8', 'text/csv; charset=utf-8'],
    ['model/gltf-binary', 'model/gltf-binary'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseContentType(input)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'png',
    'image/',
    '/png',
    'image/png\r\nX-Evil: 1',
    'image/png; charset',
    'a/b/c',
    `image/${'x'.repeat(300)}`,
  ])('refuses %j with 400', (input) => {
    expect(() => normaliseContentType(input)).toThrow(BadRequestException);
  });
});
