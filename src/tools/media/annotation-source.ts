import type { DetectedObject } from '../detection';

/** The boxes an annotated image is drawn with. */
export interface AnnotationRecipe {
  detections: DetectedObject[];
  /** The label over each box, by index (the toolkit's tool name, or the class marked as not in the toolkit). */
  labels: string[];
}

/** What an annotated image is drawn from: the uploaded photo and its boxes. */
export interface AnnotationSource extends AnnotationRecipe {
  photo: Buffer;
}

const HEADER_BYTES = 4;

/**
 * One object holding both, so that storing it is a single atomic write: a 4-byte big-endian length, the recipe as
 * JSON, then the photo's bytes unchanged.
 */
export function encodeAnnotationSource(source: AnnotationSource): Buffer {
  const recipe: AnnotationRecipe = { detections: source.detections, labels: source.labels };
  const json = Buffer.from(JSON.stringify(recipe));
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(json.length);
  return Buffer.concat([header, json, source.photo]);
}

/** @throws Error when `bytes` is not what {@link encodeAnnotationSource} wrote. */
export function decodeAnnotationSource(bytes: Buffer): AnnotationSource {
  const length = bytes.length >= HEADER_BYTES ? bytes.readUInt32BE(0) : -1;
  if (length < 2 || HEADER_BYTES + length > bytes.length)
    throw new Error('Not an annotation source');
  const recipe = JSON.parse(
    bytes.subarray(HEADER_BYTES, HEADER_BYTES + length).toString(),
  ) as AnnotationRecipe;
  if (!Array.isArray(recipe.detections) || !Array.isArray(recipe.labels))
    throw new Error('Not an annotation source');
  return { ...recipe, photo: bytes.subarray(HEADER_BYTES + length) };
}
