import type { DetectedObject } from '../detection';

/** What an annotated image is drawn from: the stored photo (by the SHA-256 of its bytes) and its boxes. */
export interface AnnotationRecipe {
  photoSha256: string;
  detections: DetectedObject[];
  /** The label over each box, by index (the toolkit's tool name, or the class marked as not in the toolkit). */
  labels: string[];
}

export const encodeAnnotationRecipe = (recipe: AnnotationRecipe): Buffer =>
  Buffer.from(
    JSON.stringify({
      photoSha256: recipe.photoSha256,
      detections: recipe.detections,
      labels: recipe.labels,
    }),
  );

/** @throws Error when `bytes` is not what {@link encodeAnnotationRecipe} wrote. */
export function decodeAnnotationRecipe(bytes: Buffer): AnnotationRecipe {
  const recipe = JSON.parse(bytes.toString()) as Partial<AnnotationRecipe> | null;
  if (
    !recipe ||
    typeof recipe.photoSha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(recipe.photoSha256) ||
    !Array.isArray(recipe.detections) ||
    !Array.isArray(recipe.labels)
  )
    throw new Error('Not an annotation recipe');
  return recipe as AnnotationRecipe;
}
