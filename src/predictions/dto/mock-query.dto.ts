import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsIntInRange } from '../../common/validation/validators';

export const MAX_MOCK_RECORDS = 1000;

export class MockQueryDto {
  /** How many random records to create (1-1000). @example 10 */
  @Type(() => Number)
  @IsIntInRange(1, MAX_MOCK_RECORDS)
  @IsOptional()
  num_records: number = 10;
}
