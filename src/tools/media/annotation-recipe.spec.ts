import { describe, expect, it } from 'vitest';
import { decodeAnnotationRecipe, encodeAnnotationRecipe } from './annotation-recipe';

describe('annotation recipe', () => {
  it('round-trips the photo hash and the boxes with their labels', () => {
    const recipe = {
      photoSha256: 'ab'.repeat(32),
      detections: [
        {
          className: 'hammer',
          classIndex: 0,
          confidence: 0.91,
          box: [1, 2, 30, 40] as [number, number, number, number],
        },
      ],
      labels: ['Claw hammer "HM-1"'],
    };
    expect(decodeAnnotationRecipe(encodeAnnotationRecipe(recipe))).toEqual(recipe);
  });

  it('refuses what it did not write, including a photo reference that is not a SHA-256', () => {
    for (const text of [
      'null',
      '{}',
      JSON.stringify({ photoSha256: '../../etc/passwd', detections: [], labels: [] }),
      JSON.stringify({ photoSha256: 'ab'.repeat(32), detections: {}, labels: [] }),
    ])
      expect(() => decodeAnnotationRecipe(Buffer.from(text))).toThrow();
  });
});
