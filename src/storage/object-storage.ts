import type { Readable } from 'node:stream';

/** What the store knows about one object. */
export interface ObjectMetadata {
  key: string;
  size: number;
  contentType: string;
  lastModified: Date;
  /** Opaque version tag: the S3 ETag (unquoted) or, for local files, the SHA-256. */
  etag: string;
  /** Hex SHA-256 of the content when known: always for local files, for S3 objects written through `put`. */
  sha256?: string;
}

/** One entry of a listing (S3 listings carry no content type). */
export interface ObjectSummary {
  key: string;
  size: number;
  lastModified: Date;
}

export interface StoredObject {
  metadata: ObjectMetadata;
  /** The content, streamed; the caller must consume or destroy it. */
  body: Readable;
}

export interface PutObjectOptions {
  contentType: string;
}

export interface PresignedPutOptions {
  /** The upload must declare exactly this Content-Type. */
  contentType: string;
  /** Largest accepted upload; defaults to STORAGE_MAX_UPLOAD_BYTES. */
  maxBytes?: number;
  /** When given, the upload must be exactly this many bytes (and at most `maxBytes`). */
  contentLength?: number;
  /** Defaults to STORAGE_URL_EXPIRES_SECONDS. */
  expiresInSeconds?: number;
}

export interface PresignedGetOptions {
  /** Served as `Content-Disposition: attachment` with this (sanitised) file name. */
  downloadName?: string;
  /** Defaults to STORAGE_URL_EXPIRES_SECONDS. */
  expiresInSeconds?: number;
}

export interface PresignedUrl {
  url: string;
  method: 'GET' | 'PUT';
  /** Headers the client must send with the request exactly as given (e.g. Content-Type of an upload). */
  headers: Record<string, string>;
  expiresAt: Date;
  expiresInSeconds: number;
}

export interface StorageHealth {
  up: boolean;
  /** Shown in the `storage` indicator of GET /health/ready. */
  details: Record<string, string>;
}

/**
 * Object storage, whichever driver is configured (`local` files or an `s3` bucket). Keys are produced by
 * `ObjectKeys`; every method refuses an invalid key with `InvalidObjectKeyError`.
 */
export abstract class ObjectStorage {
  /** Recorded beside object keys (e.g. in artifact rows): the bucket name, or `local` for the local driver. */
  abstract readonly bucket: string;

  /** Writes an object whole: readers see the old content or the new one, never a part. */
  abstract put(
    key: string,
    body: Buffer | Readable,
    options: PutObjectOptions,
  ): Promise<ObjectMetadata>;

  /** Streams an object; `ObjectNotFoundError` (404) when there is none. */
  abstract get(key: string): Promise<StoredObject>;

  /** Metadata, or null when the object does not exist. */
  abstract head(key: string): Promise<ObjectMetadata | null>;

  /** Removes an object; removing a missing object is not an error. */
  abstract delete(key: string): Promise<void>;

  /** Every object whose key starts with `prefix`, sorted by key. */
  abstract list(prefix: string): Promise<ObjectSummary[]>;

  /** A URL through which a client uploads this one object directly to the store. */
  abstract presignPut(key: string, options: PresignedPutOptions): Promise<PresignedUrl>;

  /** A URL through which a client downloads this one object directly from the store. */
  abstract presignGet(key: string, options?: PresignedGetOptions): Promise<PresignedUrl>;

  /** Bucket reachable / directory writable. Never throws. */
  abstract checkHealth(): Promise<StorageHealth>;
}
