import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { AppConfig } from '../config';
import { normaliseContentType } from './media-type';
import type { ObjectKeys } from './object-keys';
import type { PresignedGetOptions, PresignedPutOptions } from './object-storage';

/** S3 refuses presigned URLs valid for longer than seven days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

export interface PutGrant {
  contentType: string;
  maxBytes: number;
  contentLength?: number;
  expiresInSeconds: number;
}

export interface GetGrant {
  downloadName?: string;
  expiresInSeconds: number;
}

const expiryOf = (requested: number | undefined, config: AppConfig): number => {
  const seconds = requested ?? config.storage.urlExpiresSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
    throw new BadRequestException(
      `URL expiry must be 1-${MAX_EXPIRES_SECONDS} seconds, got ${seconds}`,
    );
  }
  return seconds;
};

/** Presigned PUT options with the configured defaults applied and checked; the same for both drivers. */
export function resolvePutGrant(options: PresignedPutOptions, config: AppConfig): PutGrant {
  const maxBytes = options.maxBytes ?? config.storage.maxUploadBytes;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new BadRequestException(`maxBytes must be a positive integer, got ${maxBytes}`);
  }
  const { contentLength } = options;
  if (contentLength !== undefined) {
    if (!Number.isInteger(contentLength) || contentLength < 0) {
      throw new BadRequestException(`Content length must be a byte count, got ${contentLength}`);
    }
    if (contentLength > maxBytes) {
      throw new PayloadTooLargeException(
        `An upload of ${contentLength} bytes exceeds the limit of ${maxBytes} bytes`,
      );
    }
  }
  return {
    contentType: normaliseContentType(options.contentType),
    maxBytes,
    contentLength,
    expiresInSeconds: expiryOf(options.expiresInSeconds, config),
  };
}

export function resolveGetGrant(
  options: PresignedGetOptions,
  config: AppConfig,
  keys: ObjectKeys,
): GetGrant {
  return {
    downloadName:
      options.downloadName !== undefined ? keys.sanitiseName(options.downloadName) : undefined,
    expiresInSeconds: expiryOf(options.expiresInSeconds, config),
  };
}

/** The headers a client must send with a presigned upload. */
export function uploadHeadersOf(grant: PutGrant): Record<string, string> {
  return {
    'Content-Type': grant.contentType,
    ...(grant.contentLength !== undefined ? { 'Content-Length': String(grant.contentLength) } : {}),
  };
}
