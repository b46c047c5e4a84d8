import { BadRequestException } from '@nestjs/common';
import { isMediaType } from '../common/validation/validators';

/**
 * A Content-Type in one canonical spelling (lower case, `; ` between parameters), so that the value signed into
 * an upload URL and the header the client sends compare equal. Throws 400 on anything that is not a media type
 * (which also keeps CR/LF and control characters out of stored metadata and response headers).
 */
export function normaliseContentType(value: string | undefined): string {
  const canonical = (value ?? '')
    .trim()
    .split(';')
    .map((part) => part.trim())
    .join('; ')
    .toLowerCase();
  if (!isMediaType(canonical)) {
    throw new BadRequestException(
      `Invalid content type ${JSON.stringify(value ?? '')}: expected a media type such as image/png`,
    );
  }
  return canonical;
}
