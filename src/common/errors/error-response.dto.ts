import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** Dotted path of the offending field, e.g. `items.0.feature1`. */
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ type: [String], example: ['email must be an email'] })
  messages: string[];
}

/** The one shape every failure has. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'Validation failed: email must be an email' })
  message: string;

  @ApiProperty({
    required: false,
    description:
      'Structured detail: for validation errors a list of {field, messages}; for health checks the failing indicators.',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldErrorDto[] | Record<string, unknown>;

  @ApiProperty({ example: '0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77' })
  requestId: string;
}
