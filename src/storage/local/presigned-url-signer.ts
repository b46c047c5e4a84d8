import { createHmac, timingSafeEqual } from 'node:crypto';

/** Everything a local presigned URL grants; all of it is covered by the signature. */
export interface SignedObjectClaims {
  method: 'GET' | 'PUT';
  key: string;
  /** Unix seconds after which the URL is refused. */
  expires: number;
  /** PUT: the Content-Type the upload must declare. */
  contentType?: string;
  /** PUT: largest accepted upload. */
  maxBytes?: number;
  /** PUT: exact size the upload must have. */
  contentLength?: number;
  /** GET: file name for Content-Disposition. */
  filename?: string;
}

const VERSION = 'mlp-storage-v1';
const SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * HMAC-SHA256 over the method, key, expiry and bound limits of a local presigned URL. The canonical form is a
 * JSON array, so no two different claim sets serialise alike (no delimiter games).
 */
export class PresignedUrlSigner {
  private readonly secret: Buffer;

  constructor(secret: string) {
    if (secret.length < 16)
      throw new Error('The URL signing secret must be at least 16 characters');
    this.secret = Buffer.from(secret, 'utf8');
  }

  sign(claims: SignedObjectClaims): string {
    return createHmac('sha256', this.secret).update(this.canonical(claims)).digest('hex');
  }

  /** Constant-time comparison; false (never an exception) for a signature of the wrong form. */
  verify(claims: SignedObjectClaims, signature: string): boolean {
    if (!SIGNATURE.test(signature)) return false;
    return timingSafeEqual(Buffer.from(this.sign(claims), 'hex'), Buffer.from(signature, 'hex'));
  }

  private canonical(claims: SignedObjectClaims): string {
    return JSON.stringify([
      VERSION,
      claims.method,
      claims.key,
      claims.expires,
      claims.contentType ?? null,
      claims.maxBytes ?? null,
      claims.contentLength ?? null,
      claims.filename ?? null,
    ]);
  }
}
