import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import { InvalidImageError } from '@app/inference';

/** The HTTP answer for an image the detector refused: 413 over a size or pixel limit, else 400. */
export function rejectionOf(error: InvalidImageError, filename: string): HttpException {
  const message = `${filename}: ${error.message}`;
  return error.reason === 'too_large' || error.reason === 'too_many_pixels'
    ? new PayloadTooLargeException(message)
    : new BadRequestException(message);
}

/** The text of an error entry for one image of a batch or ZIP. */
export function failureText(error: unknown): string {
  if (error instanceof InvalidImageError) return error.message;
  if (error instanceof HttpException) return error.message;
  return 'The image could not be analysed';
}
