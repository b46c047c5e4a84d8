import { IsIn, IsOptional } from 'class-validator';
import { IsIntInRange } from '../../common/validation/validators';

export const HOUSEKEEPING_JOBS = ['purge-api-keys', 'purge-task-records'] as const;
export type HousekeepingJob = (typeof HOUSEKEEPING_JOBS)[number];

export class RunHousekeepingDto {
  /** Which housekeeping job to run now. @example purge-api-keys */
  @IsIn(HOUSEKEEPING_JOBS)
  job: HousekeepingJob;

  /** Keep records younger than this many days; defaults to the configured retention. @example 30 */
  @IsIntInRange(0, 3650)
  @IsOptional()
  retentionDays?: number;
}
