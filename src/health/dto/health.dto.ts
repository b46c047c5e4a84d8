import { ApiProperty } from '@nestjs/swagger';

export class IndicatorStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/IndicatorStatusDto' },
    example: { postgres: { status: 'up' }, redis: { status: 'up' } },
  })
  info: Record<string, IndicatorStatusDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/IndicatorStatusDto' },
    example: {},
  })
  error: Record<string, IndicatorStatusDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/IndicatorStatusDto' },
  })
  details: Record<string, IndicatorStatusDto>;
}

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
  /** Seconds since the process started. @example 42.5 */
  uptimeSeconds: number;
}
