import { ApiProperty } from '@nestjs/swagger';
import type { ObjectMetadata } from '../../object-storage';

/** An object as stored, returned after an upload through a presigned URL. */
export class StoredObjectDto {
  /** @example uploads/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/photo.png */
  key: string;
  /** Bytes. @example 48213 */
  @ApiProperty({ type: 'integer' })
  size: number;
  /** @example image/png */
  contentType: string;
  /** Hex SHA-256 of the content. @example 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 */
  sha256: string;
  lastModified: Date;

  static from(metadata: ObjectMetadata): StoredObjectDto {
    return Object.assign(new StoredObjectDto(), {
      key: metadata.key,
      size: metadata.size,
      contentType: metadata.contentType,
      sha256: metadata.sha256 ?? metadata.etag,
      lastModified: metadata.lastModified,
    });
  }
}
