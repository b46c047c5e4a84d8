import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUrl, Length } from 'class-validator';
import { IsCatalogueId } from '../../common/validation/validators';

export class CreateJobDto {
  /** Catalogue id of the model. @example relief-v1 */
  @IsCatalogueId()
  model_id: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "Merged over the model's default_params and validated against its param_schema (GET /api/v1/models)",
    example: { image_path: 'uploads/01a2.../01a3.../chair.png', resolution: 96 },
  })
  @IsObject()
  @IsOptional()
  input_params?: Record<string, unknown>;

  /** Required for text-to-3d models. @example a wooden chair */
  @IsString()
  @Length(1, 2000)
  @IsOptional()
  prompt?: string;

  /**
   * POSTed the job JSON (HMAC-SHA256 signed) when the job ends. Loopback, private and link-local targets are
   * refused unless the server allows them (WEBHOOK_ALLOW_PRIVATE_NETWORKS). @example https://example.com/hooks/jobs
   */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'webhook_url must be an http(s) URL' },
  )
  @IsOptional()
  webhook_url?: string;
}
