import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateApiKeyDto {
  /** A label for the key. @example ci-pipeline */
  @IsString()
  @Length(1, 100)
  name: string;

  /** Owner of the key; defaults to the caller. */
  @IsUUID()
  @IsOptional()
  userId?: string;

  /** Days until the key expires; omit for a key that does not expire. @example 90 */
  @IsInt()
  @Min(1)
  @Max(3650)
  @IsOptional()
  expiresInDays?: number;
}
