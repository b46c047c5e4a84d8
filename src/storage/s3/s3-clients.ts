import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { AppConfig } from '../../config';

type S3Settings = AppConfig['storage']['s3'];

/**
 * An S3 client for MinIO or AWS: path-style addressing (`<endpoint>/<bucket>/<key>`, what MinIO expects) and
 * checksums only where S3 requires them (the SDK's default CRC32 trailers and checksum parameters in presigned
 * URLs are not understood by every S3-compatible server).
 */
export function createS3Client(settings: S3Settings, endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKey, secretAccessKey: settings.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5000 },
  });
}

/** The HTTP status of a failed S3 call, when the server answered. */
export const statusOf = (error: unknown): number | undefined =>
  error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;

export const isNotFound = (error: unknown): boolean =>
  statusOf(error) === 404 ||
  (error instanceof Error && ['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes(error.name));

/** A one-line reason for logs and the readiness indicator (connection errors may carry an empty message). */
export function describeS3Error(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const status = statusOf(error);
  const parts = [
    error.name === 'Error' ? undefined : error.name,
    status ? `HTTP ${status}` : undefined,
    code && !error.message.includes(code) ? code : undefined,
    error.message,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(': ') || 'unknown error';
}
