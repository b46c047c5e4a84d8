import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppConfig } from '../../config';
import { ContentDigest } from '../content-digest';
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
import { S3Bucket } from './s3-bucket';
import { createS3Client, describeS3Error, isNotFound } from './s3-clients';
import { spoolToTempFile } from './spool';

const HEALTH_TIMEOUT_MS = 2000;
const START_TIMEOUT_MS = 5000;

type S3ObjectFields = {
  ContentType?: string;
  ContentLength?: number;
  LastModified?: Date;
  ETag?: string;
  Metadata?: Record<string, string>;
};

/**
 * The `s3` driver (MinIO, AWS S3, any S3-compatible store) over the AWS SDK v3. Requests go to the internal
 * endpoint; presigned URLs are signed for the public endpoint, the one clients can reach.
 */
@Injectable()
export class S3ObjectStorage extends ObjectStorage implements OnModuleInit, OnModuleDestroy {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly buckets: S3Bucket;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: ObjectKeys,
  ) {
    super();
    const settings = config.storage.s3;
    this.bucket = settings.bucket;
    this.client = createS3Client(settings, settings.endpoint);
    this.presigner = createS3Client(settings, settings.publicEndpoint);
    this.buckets = new S3Bucket(this.client, settings);
  }

  /** Creates the bucket when missing (and allowed); an unreachable store is logged, not fatal. */
  async onModuleInit(): Promise<void> {
    await this.buckets.ensureLogged(AbortSignal.timeout(START_TIMEOUT_MS));
  }

  onModuleDestroy(): void {
    this.client.destroy();
    this.presigner.destroy();
  }

  async put(
    key: string,
    body: Buffer | Readable,
    options: PutObjectOptions,
  ): Promise<ObjectMetadata> {
    this.keys.assertValid(key);
    const contentType = normaliseContentType(options.contentType);
    // PutObject needs the length up front, so a stream is first spooled to a temp file (which also hashes it).
    const spooled = Buffer.isBuffer(body) ? undefined : await spoolToTempFile(body);
    try {
      const { size, sha256 } = spooled ?? ContentDigest.of(body as Buffer);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: spooled ? spooled.open() : body,
          ContentType: contentType,
          ContentLength: size,
          Metadata: { sha256 },
        }),
      );
    } finally {
      await spooled?.remove();
    }
    const stored = await this.head(key);
    if (!stored) throw new ObjectNotFoundError(key);
    return stored;
  }

  async get(key: string): Promise<StoredObject> {
    try {
      const output = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keys.assertValid(key) }),
      );
      if (!(output.Body instanceof Readable)) throw new Error('S3 returned no readable body');
      return { metadata: this.metadataOf(key, output), body: output.Body };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<ObjectMetadata | null> {
    try {
      const output = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.keys.assertValid(key) }),
      );
      return this.metadataOf(key, output);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keys.assertValid(key) }),
    );
  }

  async list(prefix: string): Promise<ObjectSummary[]> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: this.keys.assertValidPrefix(prefix) || undefined },
    );
    const summaries: ObjectSummary[] = [];
    for await (const page of pages) {
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        summaries.push({
          key: item.Key,
          size: item.Size ?? 0,
          lastModified: item.LastModified ?? new Date(0),
        });
      }
    }
    return summaries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Content-Type is signed, and Content-Length when given (the upload must then be exactly that long). A
   * presigned PUT cannot enforce a size range (only a POST policy can), so without `contentLength` the
   * `maxBytes` bound is not enforced by S3: the jobs module passes the declared length, and callers should
   * check `head()` after the upload.
   */
  async presignPut(key: string, options: PresignedPutOptions): Promise<PresignedUrl> {
    const grant = resolvePutGrant(options, this.config);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.keys.assertValid(key),
      ContentType: grant.contentType,
      ContentLength: grant.contentLength,
    });
    const url = await getSignedUrl(this.presigner, command, {
      expiresIn: grant.expiresInSeconds,
      signableHeaders: new Set(
        grant.contentLength !== undefined ? ['content-type', 'content-length'] : ['content-type'],
      ),
    });
    return this.presigned(url, 'PUT', uploadHeadersOf(grant), grant.expiresInSeconds);
  }

  async presignGet(key: string, options: PresignedGetOptions = {}): Promise<PresignedUrl> {
    const grant = resolveGetGrant(options, this.config, this.keys);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.keys.assertValid(key),
      ResponseContentDisposition: grant.downloadName
        ? `attachment; filename="${grant.downloadName}"`
        : undefined,
    });
    const url = await getSignedUrl(this.presigner, command, { expiresIn: grant.expiresInSeconds });
    return this.presigned(url, 'GET', {}, grant.expiresInSeconds);
  }

  async checkHealth(): Promise<StorageHealth> {
    const details = {
      driver: 's3',
      bucket: this.bucket,
      endpoint: this.config.storage.s3.endpoint,
    };
    try {
      await this.buckets.ensure(AbortSignal.timeout(HEALTH_TIMEOUT_MS));
      return { up: true, details };
    } catch (error) {
      return { up: false, details: { ...details, message: describeS3Error(error) } };
    }
  }

  private presigned(
    url: string,
    method: 'GET' | 'PUT',
    headers: Record<string, string>,
    expiresInSeconds: number,
  ): PresignedUrl {
    const expiresAt = new Date(Date.now() + expiresInSeconds * 1000);
    return { url, method, headers, expiresAt, expiresInSeconds };
  }

  private metadataOf(key: string, output: S3ObjectFields): ObjectMetadata {
    const sha256 = output.Metadata?.sha256;
    return {
      key,
      size: output.ContentLength ?? 0,
      contentType: output.ContentType ?? 'application/octet-stream',
      lastModified: output.LastModified ?? new Date(0),
      etag: (output.ETag ?? '').replace(/^"|"$/g, ''),
      ...(sha256 ? { sha256 } : {}),
    };
  }
}
