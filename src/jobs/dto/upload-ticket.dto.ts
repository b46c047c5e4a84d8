import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsContentTypeIn, IsIntInRange } from '../../common/validation/validators';

export const INPUT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export class UploadTicketRequestDto {
  /** Name of the file to upload. @example chair.png */
  @IsString()
  @Length(1, 200)
  filename: string;

  /** Image type of the file. @example image/png */
  @IsContentTypeIn(INPUT_IMAGE_TYPES)
  content_type: string;

  /** Exact size in bytes, when known: then bound into the URL (required by S3 to limit the size). @example 48213 */
  @IsIntInRange(1, MAX_INPUT_BYTES)
  @IsOptional()
  content_length?: number;
}

export class UploadTicketDto {
  /** Presigned PUT URL: upload the file there with the `headers` below. */
  upload_url: string;
  /** Headers the upload must carry exactly. @example {"Content-Type":"image/png"} */
  headers: Record<string, string>;
  /** Use as `input_params.image_path` when creating the job. @example uploads/01a2.../01a3.../chair.png */
  object_name: string;
  /** Seconds the URL stays valid. @example 3600 */
  @ApiProperty({ type: 'integer' })
  expires_in: number;
  /** Largest accepted upload in bytes. @example 20971520 */
  @ApiProperty({ type: 'integer' })
  max_bytes: number;
}
