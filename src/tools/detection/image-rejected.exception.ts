import { HttpException, HttpStatus } from '@nestjs/common';
import type { InvalidImageError, InvalidImageReason } from '@app/inference';

const STATUS_BY_REASON: Record<InvalidImageReason, HttpStatus> = {
  not_an_image: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unsupported_format: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  too_many_pixels: HttpStatus.PAYLOAD_TOO_LARGE,
  corrupt_image: HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * An upload the detector refused as an image: 415 (not an image, or a format it does not read),
 * 413 (too many bytes or pixels) or 422 (an image that cannot be decoded). `reason` is the stable code.
 */
export class ImageRejectedException extends HttpException {
  readonly reason: InvalidImageReason;

  constructor(error: InvalidImageError) {
    super(
      { message: error.message, details: { reason: error.reason } },
      STATUS_BY_REASON[error.reason],
      { cause: error },
    );
    this.reason = error.reason;
  }
}
