import { ApiProperty } from '@nestjs/swagger';

export class QueueCountsDto {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  completed: number;
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
  workers: number;
}
