import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  IsBinaryFlag,
  IsCatalogueId,
  IsContentTypeIn,
  IsIntInRange,
  IsMediaType,
  IsNumberInRange,
  IsPlainCode,
  IsRecordId,
  IsVersionLabel,
  isMediaType,
} from './validators';

class Sample {
  @IsRecordId() id: unknown;
  @IsCatalogueId() model: unknown;
  @IsVersionLabel() version: unknown;
  @IsPlainCode(3, 8) code: unknown;
  @IsNumberInRange(-1, 1) level: unknown;
  @IsIntInRange(1, 10) count: unknown;
  @IsBinaryFlag() verdict: unknown;
  @IsBinaryFlag({ nullable: true }) known: unknown;
  @IsMediaType() mediaType: unknown;
  @IsContentTypeIn(['image/png', 'image/jpeg']) image: unknown;
}

const GOOD = {
  id: '0193B1F2-7C1E-7A42-9F0E-3D2A8C1B5E77',
  model: 'relief-v1',
  version: '1.0.0+gpu',
  code: 'KNR-1',
  level: 0.5,
  count: 10,
  verdict: 1,
  known: null,
  mediaType: 'text/csv; charset=utf-8',
  image: 'image/png',
};

const problems = (input: Record<string, unknown>): Record<string, string[]> =>
  Object.fromEntries(
    validateSync(plainToInstance(Sample, { ...GOOD, ...input })).map((e) => [
      e.property,
      Object.values(e.constraints ?? {}),
    ]),
  );

describe('shared validators', () => {
  it('accept valid values', () => {
    expect(problems({})).toEqual({});
  });

  it('refuse bad values with one message naming the field', () => {
    expect(
      problems({
        id: 'not-a-uuid',
        model: 'Relief V1',
        version: '-1',
        code: 'ab',
        count: 1.5,
        verdict: 2,
        known: 3,
        mediaType: 'image/png\r\nx: y',
        image: 'image/gif',
      }),
    ).toEqual({
      id: ['id must be a UUID'],
      model: ['model must be a catalogue id such as relief-v1'],
      version: [
        'version must be a version: 1-64 letters, digits, . _ + -, starting with a letter or digit',
      ],
      code: ['code must be 3-8 letters, digits, dot, dash or underscore'],
      count: ['count must be an integer number'],
      verdict: ['verdict must be 0 or 1'],
      known: ['known must be 0, 1 or null'],
      mediaType: ['mediaType must be a media type such as image/png'],
      image: ['image must be one of image/png, image/jpeg'],
    });
  });

  it('report a non-number as such before the range', () => {
    expect(problems({ level: 'hot' }).level[0]).toBe(
      'level must be a number conforming to the specified constraints',
    );
    expect(problems({ level: 2 })).toEqual({ level: ['level must not be greater than 1'] });
    expect(problems({ level: Number.POSITIVE_INFINITY }).level).toContain(
      'level must be a number conforming to the specified constraints',
    );
  });

  it('recognise canonical media types only', () => {
    expect(isMediaType('image/png')).toBe(true);
    expect(isMediaType('Image/PNG')).toBe(false);
    expect(isMediaType('x'.repeat(197) + '/png')).toBe(false);
  });
});
