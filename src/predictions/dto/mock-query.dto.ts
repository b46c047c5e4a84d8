import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_MOCK_RECORDS = 1000;

export class MockQueryDto {
  /** How many random records to create (1-1000). @example 10 */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_MOCK_RECORDS)
  @IsOptional()
  num_records: number = 10;
}
