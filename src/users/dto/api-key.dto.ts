import { ApiProperty } from '@nestjs/swagger';
import type { ApiKey } from '../entities/api-key.entity';

export class ApiKeyDto {
  id: string;
  /** @example ci-pipeline */
  name: string;
  /** First characters of the key, for recognising it. @example mlp_Xk3v9Qa1 */
  prefix: string;
  ownerId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;

  static from(key: ApiKey): ApiKeyDto {
    return Object.assign(new ApiKeyDto(), {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      ownerId: key.owner.id,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
    });
  }
}

/** Returned once, at creation: the only time the full key is ever shown. */
export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The API key. Store it now: it cannot be shown again.',
    example: 'mlp_Xk3v9Qa1...',
  })
  key: string;
}
