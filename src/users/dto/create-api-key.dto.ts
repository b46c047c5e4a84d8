import { IsOptional, IsString, Length } from 'class-validator';
import { IsIntInRange, IsRecordId } from '../../common/validation/validators';

export class CreateApiKeyDto {
  /** A label for the key. @example ci-pipeline */
  @IsString()
  @Length(1, 100)
  name: string;

  /** Owner of the key; defaults to the caller. */
  @IsRecordId()
  @IsOptional()
  userId?: string;

  /** Days until the key expires; omit for a key that does not expire. @example 90 */
  @IsIntInRange(1, 3650)
  @IsOptional()
  expiresInDays?: number;
}
