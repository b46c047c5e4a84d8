import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX_LENGTH = 12;

/** Format and hashing of API keys: `mlp_<40 random base64url chars>`; the first 12 characters are the display prefix. */
export const apiKeyCodec = {
  generate(): string {
    return `mlp_${randomBytes(30).toString('base64url')}`;
  },
  prefixOf(key: string): string {
    return key.slice(0, PREFIX_LENGTH);
  },
  hashOf(key: string): string {
    return createHash('sha256').update(key, 'utf8').digest('hex');
  },
  /** Constant-time comparison of two hex digests of equal length. */
  sameHash(a: string, b: string): boolean {
    const left = Buffer.from(a, 'hex');
    const right = Buffer.from(b, 'hex');
    return left.length === right.length && timingSafeEqual(left, right);
  },
};
