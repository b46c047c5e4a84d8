import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Page } from '../common/pagination/page.dto';
import { paginate, type PageRequest } from '../common/pagination/paginate';
import { apiKeyCodec } from './api-key-codec';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';

export interface IssueKeyInput {
  ownerId: string;
  name: string;
  expiresInDays?: number;
  /** A key chosen by the operator (FIRST_SUPERUSER_API_KEY); otherwise one is generated. */
  presetKey?: string;
}

const DAY_MS = 86_400_000;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  /** Creates a key and returns it with its plain value, which is never stored. */
  async issue(input: IssueKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
    const owner = await this.em.findOne(User, { id: input.ownerId });
    if (!owner) throw new NotFoundException(`User ${input.ownerId} not found`);
    const key = input.presetKey ?? apiKeyCodec.generate();
    if (key.length < 24) throw new BadRequestException('An API key must be at least 24 characters');
    const keyHash = apiKeyCodec.hashOf(key);
    if ((await this.em.count(ApiKey, { keyHash })) > 0)
      throw new ConflictException('This API key already exists');
    const apiKey = this.em.create(ApiKey, {
      owner,
      name: input.name,
      prefix: apiKeyCodec.prefixOf(key),
      keyHash,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
    });
    await this.em.flush();
    return { apiKey, key };
  }

  /** Makes sure `key` is an active key of `ownerId` (used by the superuser seed); returns true when it changed something. */
  async ensureKey(ownerId: string, key: string, name: string): Promise<boolean> {
    const existing = await this.em.findOne(ApiKey, { keyHash: apiKeyCodec.hashOf(key) });
    if (!existing) {
      await this.issue({ ownerId, name, presetKey: key });
      return true;
    }
    if (existing.owner.id !== ownerId)
      throw new ConflictException('This API key belongs to another user');
    if (existing.isUsableAt(new Date())) return false;
    existing.revokedAt = null;
    existing.expiresAt = null;
    await this.em.flush();
    return true;
  }

  list(page: PageRequest, ownerId?: string): Promise<Page<ApiKey>> {
    const where = ownerId ? { owner: ownerId } : {};
    return paginate(this.em, ApiKey, where, page, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** Revokes by id or by display prefix. Revoking twice keeps the first revocation time. */
  async revoke(idOrPrefix: string): Promise<ApiKey> {
    const matches = await this.em.find(
      ApiKey,
      idOrPrefix.startsWith('mlp_') ? { prefix: idOrPrefix } : { id: idOrPrefix },
    );
    if (matches.length === 0) throw new NotFoundException(`API key ${idOrPrefix} not found`);
    if (matches.length > 1)
      throw new ConflictException(`Prefix ${idOrPrefix} matches several keys; revoke by id`);
    const [apiKey] = matches;
    apiKey.revokedAt ??= new Date();
    await this.em.flush();
    this.authenticator.forget(apiKey.keyHash);
    return apiKey;
  }

  /** Deletes keys revoked or expired more than `retentionDays` ago. Returns how many were deleted. */
  async purgeStale(retentionDays: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    return this.em.nativeDelete(ApiKey, {
      $or: [{ revokedAt: { $lt: cutoff } }, { expiresAt: { $lt: cutoff } }],
    });
  }
}
