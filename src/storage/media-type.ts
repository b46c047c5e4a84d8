import { BadRequestException } from '@nestjs/common';

const TOKEN = "[a-z0-9!#$%&'*+.^_`|~-]+";
const PARAMETER = `${TOKEN}=(?:${TOKEN}|"[^"\\\\\\x00-\\x1f\\x7f]*")`;
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:; ${PARAMETER})*$`);
const MAX_LENGTH = 200;

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
  if (canonical.length === 0 || canonical.length > MAX_LENGTH || !MEDIA_TYPE.test(canonical)) {
    throw new BadRequestException(
      `Invalid content type ${JSON.stringify(value ?? '')}: expected a media type such as image/png`,
    );
  }
  return canonical;
}
