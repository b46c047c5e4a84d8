import { describe, expect, it } from 'vitest';
import { PresignedUrlSigner, type SignedObjectClaims } from './presigned-url-signer';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('PresignedUrlSigner', () => {
  const signer = new PresignedUrlSigner(SECRET);
  const upload: SignedObjectClaims = {
    method: 'PUT',
    key: 'uploads/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/photo.png',
    expires: 1_900_000_000,
    contentType: 'image/png',
    maxBytes: 1024,
  };

  it('signs deterministically as 64 hex characters and verifies its own signatures', () => {
    const signature = signer.sign(upload);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signer.sign({ ...upload })).toBe(signature);
    expect(signer.verify(upload, signature)).toBe(true);
  });

  it.each<[string, Partial<SignedObjectClaims>]>([
    ['method', { method: 'GET' }],
    ['key', { key: 'uploads/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/other.png' }],
    ['expiry', { expires: 1_900_000_001 }],
    ['content type', { contentType: 'text/html' }],
    ['size limit', { maxBytes: 1025 }],
    ['bound length', { contentLength: 10 }],
    ['file name', { filename: 'x.png' }],
    ['dropped limit', { maxBytes: undefined }],
  ])('refuses a signature once the %s changed', (_field, change) => {
    expect(signer.verify({ ...upload, ...change }, signer.sign(upload))).toBe(false);
  });

  it('cannot be confused by moving text between fields', () => {
    const a: SignedObjectClaims = { method: 'GET', key: 'a/b', expires: 1, filename: 'c' };
    const b: SignedObjectClaims = { method: 'GET', key: 'a', expires: 1, filename: 'b/c' };
    expect(signer.verify(b, signer.sign(a))).toBe(false);
  });

  it('refuses signatures made with another secret', () => {
    const other = new PresignedUrlSigner('another-secret-of-at-least-32-chars!!');
    expect(signer.verify(upload, other.sign(upload))).toBe(false);
  });

  it('returns false, without throwing, for malformed signatures', () => {
    const signature = signer.sign(upload);
    for (const bad of [
      '',
      'abc',
      signature.slice(0, 63),
      `${signature}00`,
      signature.toUpperCase(),
      'z'.repeat(64),
    ]) {
      expect(signer.verify(upload, bad), bad).toBe(false);
    }
  });

  it('flips on a single changed character', () => {
    const signature = signer.sign(upload);
    const flipped = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
    expect(signer.verify(upload, flipped)).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => new PresignedUrlSigner('short')).toThrow(/at least 16/);
  });
});
