/** Why an upload was refused as an image. Stable codes: callers map them to HTTP errors. */
export type InvalidImageReason =
  'not_an_image' | 'unsupported_format' | 'too_many_pixels' | 'too_large' | 'corrupt_image';

/** An input buffer that is not an image this library will decode. */
export class InvalidImageError extends Error {
  override readonly name = 'InvalidImageError';

  constructor(
    readonly reason: InvalidImageReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
