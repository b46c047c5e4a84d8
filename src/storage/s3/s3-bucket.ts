import {
  CreateBucketCommand,
  HeadBucketCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { describeS3Error, isNotFound } from './s3-clients';

/** The configured bucket: checked on every readiness probe, created when missing and STORAGE_CREATE_BUCKET allows. */
export class S3Bucket {
  private readonly logger = new Logger(S3Bucket.name);

  constructor(
    private readonly client: S3Client,
    private readonly settings: AppConfig['storage']['s3'],
  ) {}

  /** Resolves when the bucket exists (creating it if allowed); rejects with the reason otherwise. */
  async ensure(signal: AbortSignal): Promise<void> {
    const { bucket, region, createBucket } = this.settings;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (!createBucket) {
      throw new Error(`Bucket ${bucket} does not exist (STORAGE_CREATE_BUCKET=false)`);
    }
    try {
      await this.client.send(
        new CreateBucketCommand({
          Bucket: bucket,
          // AWS wants the region spelled out everywhere but us-east-1.
          ...(region !== 'us-east-1'
            ? {
                CreateBucketConfiguration: {
                  LocationConstraint: region as BucketLocationConstraint,
                },
              }
            : {}),
        }),
        { abortSignal: signal },
      );
      this.logger.log(`Created bucket ${bucket}`);
    } catch (error) {
      if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
    }
  }

  /** `ensure` at start: failures are logged with their cause; readiness keeps reporting them. */
  async ensureLogged(signal: AbortSignal): Promise<void> {
    try {
      await this.ensure(signal);
    } catch (error) {
      this.logger.error(
        { err: error, bucket: this.settings.bucket, endpoint: this.settings.endpoint },
        `Bucket ${this.settings.bucket} unavailable at start (${describeS3Error(error)}); ` +
          'readiness reports storage down until it answers',
      );
    }
  }
}
