import { ApiProperty } from '@nestjs/swagger';

export class LegacyStatusDto {
  @ApiProperty({ example: 'ok', enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({ required: false, example: 'Database unreachable' })
  detail?: string;
}

export class LegacyBaseHealthDto {
  @ApiProperty({ enum: ['ok', 'error'], description: 'ok only when every component is ok' })
  status: 'ok' | 'error';

  @ApiProperty({ enum: ['ok', 'error'] })
  postgres: 'ok' | 'error';

  @ApiProperty({ enum: ['ok', 'error'] })
  redis: 'ok' | 'error';
}
