import { describe, expect, it } from 'vitest';
import { decodeAnnotationSource, encodeAnnotationSource } from './annotation-source';

describe('annotation source', () => {
  it('round-trips the photo bytes and the boxes with their labels', () => {
    const source = {
      photo: Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x7b, 0x22]),
      detections: [
        { className: 'hammer', classIndex: 0, confidence: 0.91, box: [1, 2, 30, 40] as const },
      ].map((d) => ({ ...d, box: [...d.box] as [number, number, number, number] })),
      labels: ['Claw hammer "HM-1"'],
    };
    const decoded = decodeAnnotationSource(encodeAnnotationSource(source));
    expect(decoded).toEqual(source);
  });

  it('refuses bytes it did not write', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0, 0, 1, 0, 0x7b]), Buffer.from('{"a":1}')])
      expect(() => decodeAnnotationSource(bytes)).toThrow();
  });
});
