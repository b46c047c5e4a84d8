import { describe, expect, it } from 'vitest';
import { parseYoloClassNames, yoloInputSize } from './yolo-model-signature';

describe('parseYoloClassNames', () => {
  it('reads the names dict Ultralytics writes', () => {
    expect(parseYoloClassNames("{0: 'hammer', 1: 'screwdriver', 2: 'wrench'}")).toEqual([
      'hammer',
      'screwdriver',
      'wrench',
    ]);
  });

  it('accepts double quotes, escapes, spacing, a trailing comma and any key order', () => {
    expect(parseYoloClassNames(`{ 1 : "wire cutter",0:'it\\'s', }`)).toEqual([
      "it's",
      'wire cutter',
    ]);
    expect(parseYoloClassNames("{0: 'caf\\xe9'}")).toEqual(['café']);
  });

  it('gives undefined for anything else: missing, not a dict, gaps, duplicates, junk', () => {
    expect(parseYoloClassNames(undefined)).toBeUndefined();
    expect(parseYoloClassNames('hammer,wrench')).toBeUndefined();
    expect(parseYoloClassNames('{}')).toBeUndefined();
    expect(parseYoloClassNames("{0: 'a', 2: 'c'}")).toBeUndefined();
    expect(parseYoloClassNames("{0: 'a', 0: 'b'}")).toBeUndefined();
    expect(parseYoloClassNames("{0: 'a' 1: 'b'}")).toBeUndefined();
    expect(parseYoloClassNames('{0: a}')).toBeUndefined();
  });
});

describe('yoloInputSize', () => {
  it('takes a static input shape', () => {
    expect(yoloInputSize({ shape: [1, 3, 480, 640] })).toEqual({ width: 640, height: 480 });
  });

  it('falls back to imgsz metadata, then 640, for dynamic shapes', () => {
    const dynamic = { shape: ['batch', 3, 'height', 'width'] };
    expect(yoloInputSize(dynamic, { imgsz: '[320, 416]' })).toEqual({ width: 416, height: 320 });
    expect(yoloInputSize(dynamic, { imgsz: '512' })).toEqual({ width: 512, height: 512 });
    expect(yoloInputSize(dynamic)).toEqual({ width: 640, height: 640 });
  });
});
