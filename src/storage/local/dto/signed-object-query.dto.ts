import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { IsMediaType } from '../../../common/validation/validators';

/** The query string of a local presigned URL. Clients use the URL as given; they never build one. */
export class SignedObjectQueryDto {
  /** Object key. @example uploads/0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77/photo.png */
  @IsString()
  @Length(1, 512)
  key: string;

  /** Expiry of the URL, Unix seconds. @example 1767225600 */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  expires: number;

  /** Upload URLs: the Content-Type the upload must declare. @example image/png */
  @IsMediaType()
  @IsOptional()
  contentType?: string;

  /** Upload URLs: the largest accepted upload, bytes. @example 10485760 */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @IsOptional()
  maxBytes?: number;

  /** Upload URLs: the exact size the upload must have, bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @IsOptional()
  contentLength?: number;

  /** Download URLs: file name offered in Content-Disposition. @example photo.png */
  @IsString()
  @Length(1, 200)
  @IsOptional()
  filename?: string;

  /** HMAC-SHA256 over the method and every parameter above, hex. */
  @IsString()
  @Length(1, 128)
  signature: string;
}
