import { ApiProperty } from '@nestjs/swagger';

export class QueueCountsDto {
  @ApiProperty({ type: 'integer' })
  waiting: number;
  @ApiProperty({ type: 'integer' })
  active: number;
  @ApiProperty({ type: 'integer' })
  delayed: number;
  @ApiProperty({ type: 'integer' })
  prioritized: number;
  @ApiProperty({ type: 'integer' })
  completed: number;
  @ApiProperty({ type: 'integer' })
  failed: number;
}

export class QueueStatusDto {
  /** @example housekeeping */
  name: string;
  /** @example Platform maintenance */
  description: string;
  @ApiProperty({
    enum: ['worker', 'external'],
    description: "Who processes its jobs: this platform's workers or an external worker",
  })
  runBy: 'worker' | 'external';
  isPaused: boolean;
  counts: QueueCountsDto;
  /** Worker connections currently listening on the queue. @example 1 */
  @ApiProperty({ type: 'integer' })
  workers: number;
}
