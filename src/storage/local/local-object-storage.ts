import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig } from '../../config';
import { normaliseContentType } from '../media-type';
import { ObjectKeys } from '../object-keys';
import {
  ObjectStorage,
  type ObjectMetadata,
  type ObjectSummary,
  type PresignedGetOptions,
  type PresignedPutOptions,
  type PresignedUrl,
  type PutObjectOptions,
  type StorageHealth,
  type StoredObject,
} from '../object-storage';
import { resolveGetGrant, resolvePutGrant, uploadHeadersOf } from '../presign-options';
import { ObjectNotFoundError } from '../storage.errors';
import { LocalObjectFiles, type SidecarMetadata } from './local-object-files';
import { PresignedUrlSigner, type SignedObjectClaims } from './presigned-url-signer';
import { signedObjectUrl } from './signed-object-url';

const STALE_TEMP_MS = 24 * 3600 * 1000;
const UNKNOWN_TYPE = 'application/octet-stream';

/**
 * The zero-infrastructure driver: objects are files under STORAGE_LOCAL_DIR; presigned URLs point at this API
 * (LocalStorageController) and carry an HMAC signature instead of S3 credentials.
 */
@Injectable()
export class LocalObjectStorage extends ObjectStorage implements OnModuleInit {
  readonly bucket = 'local';
  private readonly logger = new Logger(LocalObjectStorage.name);
  private readonly files: LocalObjectFiles;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: ObjectKeys,
    private readonly signer: PresignedUrlSigner,
  ) {
    super();
    this.files = new LocalObjectFiles(config.storage.local.dir, keys);
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.files.ensureLayout();
      const removed = await this.files.removeStaleTemps(STALE_TEMP_MS);
      if (removed > 0) this.logger.log(`Removed ${removed} abandoned upload file(s)`);
    } catch (error) {
      // Readiness reports storage down; the process still starts so that health can say why.
      this.logger.error(
        { err: error, directory: this.files.root },
        'Storage directory is not usable',
      );
    }
  }

  async put(
    key: string,
    body: Buffer | Readable,
    options: PutObjectOptions,
  ): Promise<ObjectMetadata> {
    this.keys.assertValid(key);
    const contentType = normaliseContentType(options.contentType);
    const written = await this.files.writeTemp(body, contentType);
    // What was written, dated by the file (no second read of the sidecar: a put is on request paths).
    return this.metadataOf(key, written.sidecar, await this.files.commit(written, key));
  }

  async get(key: string): Promise<StoredObject> {
    const handle = await this.files.openData(key);
    if (!handle) throw new ObjectNotFoundError(key);
    try {
      // The open handle pins this version: a concurrent overwrite or delete does not change what is read.
      const info = await handle.stat();
      const sidecar = await this.files.readMetadata(key);
      const metadata = this.metadataOf(key, this.describe(sidecar, info), info.mtime);
      return { metadata, body: handle.createReadStream() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<ObjectMetadata | null> {
    const handle = await this.files.openData(key);
    if (!handle) return null;
    try {
      const info = await handle.stat();
      const sidecar = await this.files.readMetadata(key);
      return this.metadataOf(key, this.describe(sidecar, info), info.mtime);
    } finally {
      await handle.close();
    }
  }

  async delete(key: string): Promise<void> {
    await this.files.remove(this.keys.assertValid(key));
  }

  async list(prefix: string): Promise<ObjectSummary[]> {
    return this.files.list(this.keys.assertValidPrefix(prefix));
  }

  async presignPut(key: string, options: PresignedPutOptions): Promise<PresignedUrl> {
    const grant = resolvePutGrant(options, this.config);
    return this.presign(
      {
        method: 'PUT',
        key: this.keys.assertValid(key),
        expires: this.expiryAfter(grant.expiresInSeconds),
        contentType: grant.contentType,
        maxBytes: grant.maxBytes,
        contentLength: grant.contentLength,
      },
      uploadHeadersOf(grant),
      grant.expiresInSeconds,
    );
  }

  async presignGet(key: string, options: PresignedGetOptions = {}): Promise<PresignedUrl> {
    const grant = resolveGetGrant(options, this.config, this.keys);
    return this.presign(
      {
        method: 'GET',
        key: this.keys.assertValid(key),
        expires: this.expiryAfter(grant.expiresInSeconds),
        filename: grant.downloadName,
      },
      {},
      grant.expiresInSeconds,
    );
  }

  async checkHealth(): Promise<StorageHealth> {
    const details = { driver: 'local', directory: this.files.root };
    try {
      await this.files.probe();
      return { up: true, details };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { up: false, details: { ...details, message: `Directory not writable: ${reason}` } };
    }
  }

  private presign(
    claims: SignedObjectClaims,
    headers: Record<string, string>,
    expiresInSeconds: number,
  ): PresignedUrl {
    return {
      url: signedObjectUrl(this.config.http.publicUrl, claims, this.signer.sign(claims)),
      method: claims.method,
      headers,
      expiresAt: new Date(claims.expires * 1000),
      expiresInSeconds,
    };
  }

  private expiryAfter(seconds: number): number {
    return Math.floor(Date.now() / 1000) + seconds;
  }

  /** Sidecar data, or what can be said without it (a file put there by hand). */
  private describe(
    sidecar: SidecarMetadata | undefined,
    info: { size: number; mtimeMs: number },
  ): { contentType: string; size: number; sha256?: string } {
    return sidecar && sidecar.size === info.size
      ? sidecar
      : { contentType: UNKNOWN_TYPE, size: info.size };
  }

  private metadataOf(
    key: string,
    data: { contentType: string; size: number; sha256?: string },
    lastModified: Date,
  ): ObjectMetadata {
    return {
      key,
      size: data.size,
      contentType: data.contentType,
      lastModified,
      etag: data.sha256 ?? `${data.size.toString(16)}-${lastModified.getTime().toString(16)}`,
      ...(data.sha256 ? { sha256: data.sha256 } : {}),
    };
  }
}
