import type { SignedObjectClaims } from './presigned-url-signer';

/** Route of the local driver's presigned URLs (LocalStorageController). */
export const LOCAL_OBJECTS_ROUTE = 'api/v1/storage/objects';

/**
 * The URL of a local presigned request: the claims and signature travel in the query string, so the key never
 * appears as a path segment that a router or a proxy could normalise.
 */
export function signedObjectUrl(
  baseUrl: string,
  claims: SignedObjectClaims,
  signature: string,
): string {
  const params = new URLSearchParams({ key: claims.key, expires: String(claims.expires) });
  if (claims.contentType !== undefined) params.set('contentType', claims.contentType);
  if (claims.maxBytes !== undefined) params.set('maxBytes', String(claims.maxBytes));
  if (claims.contentLength !== undefined) params.set('contentLength', String(claims.contentLength));
  if (claims.filename !== undefined) params.set('filename', claims.filename);
  params.set('signature', signature);
  return `${baseUrl}/${LOCAL_OBJECTS_ROUTE}?${params.toString()}`;
}
